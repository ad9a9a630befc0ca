// The view in the address bar: everything needed to rebuild what a person
// sees, so a link can be shared. Only what differs from the defaults is
// written, so a fresh page has a clean address.

import { entityKinds, relationKinds } from './look.js';

export const layouts = ['fcose', 'concentric', 'breadthfirst'];
export const modes = ['explore', 'path', 'coop'];

export function defaultState() {
  return {
    lang: 'zh',
    mode: 'explore',
    sel: '', // selected entity id
    centers: [], // entities whose neighbourhood is drawn
    hidden: [], // entities removed by hand
    pinned: [],
    kinds: [...entityKinds],
    rels: [...relationKinds],
    status: '',
    year: '',
    layout: 'fcose',
    from: '',
    to: '',
    region: '', // the cooperation view's focus region, '' for all
  };
}

const list = (v) => (v ? v.split(',').filter(Boolean) : []);

export function decode(search) {
  const p = new URLSearchParams(search);
  const s = defaultState();
  if (p.get('lang') === 'en') s.lang = 'en';
  if (modes.includes(p.get('mode'))) s.mode = p.get('mode');
  s.sel = p.get('sel') ?? '';
  s.centers = list(p.get('c'));
  s.hidden = list(p.get('hide'));
  s.pinned = list(p.get('pin'));
  if (p.has('kinds')) s.kinds = list(p.get('kinds')).filter((k) => entityKinds.includes(k));
  if (p.has('rels')) s.rels = list(p.get('rels')).filter((k) => relationKinds.includes(k));
  if (['PLANNED', 'ESTABLISHED'].includes(p.get('status'))) s.status = p.get('status');
  if (/^\d{4}$/.test(p.get('year') ?? '')) s.year = p.get('year');
  if (layouts.includes(p.get('layout'))) s.layout = p.get('layout');
  s.from = p.get('from') ?? '';
  s.to = p.get('to') ?? '';
  s.region = p.get('region') ?? '';
  return s;
}

export function encode(s) {
  const p = new URLSearchParams();
  const d = defaultState();
  if (s.mode !== d.mode) p.set('mode', s.mode);
  if (s.sel) p.set('sel', s.sel);
  if (s.centers.length) p.set('c', s.centers.join(','));
  if (s.hidden.length) p.set('hide', s.hidden.join(','));
  if (s.pinned.length) p.set('pin', s.pinned.join(','));
  if (s.kinds.length !== entityKinds.length) p.set('kinds', s.kinds.join(','));
  if (s.rels.length !== relationKinds.length) p.set('rels', s.rels.join(','));
  if (s.status) p.set('status', s.status);
  if (s.year) p.set('year', s.year);
  if (s.layout !== d.layout) p.set('layout', s.layout);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.region) p.set('region', s.region);
  if (s.lang !== d.lang) p.set('lang', s.lang);
  const q = p.toString();
  return q ? `?${q}` : '';
}
