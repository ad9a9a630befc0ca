// Marking the two ends of a relation in its evidence sentence.

const esc = (s) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]);

// highlightTerms returns the strings to mark in a sentence for the two ends
// of a relation: names, aliases, and the parts of a composed enclave name
// such as 新昌县科创飞地(西湖区), whose whole never occurs in a sentence;
// where one end's name starts with the other's (the owner of an enclave),
// the rest of it (科创飞地) is marked too.
export function highlightTerms(a, b) {
  const terms = new Set();
  for (const [e, other] of [[a, b], [b, a]]) {
    terms.add(e.name);
    for (const al of e.aliases ?? []) terms.add(al);
    for (const part of e.name.split(/[()（）]/)) {
      terms.add(part);
      if (other && part.startsWith(other.name) && part.length > other.name.length) terms.add(part.slice(other.name.length));
    }
  }
  return [...terms].filter((s) => s && [...s].length >= 2);
}

// highlight returns text as HTML with every occurrence of terms wrapped in
// <mark>, longest terms first so 新昌县 wins over 新昌; the rest is escaped.
export function highlight(text, terms) {
  const sorted = [...new Set(terms)].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return esc(text);
  const re = new RegExp(sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += esc(text.slice(last, m.index)) + `<mark>${esc(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

