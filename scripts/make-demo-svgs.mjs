#!/usr/bin/env node
// Generates the SVG artwork of the three HallCue demo packs under assets/packs/.
// Plain Node ESM, no dependencies. Output is deterministic (seeded PRNG), so
// re-running it only changes files when this script changes.
//
//   node scripts/make-demo-svgs.mjs            # writes into assets/packs/
//   node scripts/make-demo-svgs.mjs OUT_DIR    # writes into OUT_DIR/<pack>/media/

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outRoot = resolve(process.argv[2] ?? join(here, '..', 'assets', 'packs'));

const W = 1920;
const H = 1080;
const FONT = 'Noto Sans CJK SC, Noto Sans, sans-serif';

// Hall palette: deep reds, gold accents, warm off-white.
const C = {
  ink: '#1f0406',
  wine: '#3a080c',
  maroon: '#5a0e12',
  red: '#8b1a1a',
  crimson: '#a3151f',
  scarlet: '#c8102e',
  gold: '#f2c14e',
  goldDeep: '#c9952b',
  goldLight: '#f8dc8c',
  paper: '#fbf5ea',
  paper2: '#f1e4cc',
};

// ---------------------------------------------------------------- helpers

const n = (v) => Math.round(v * 10) / 10;

function rng(seed) {
  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function doc(body, defs = '', title = '') {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">\n` +
    (title ? `<title>${title}</title>\n` : '') +
    `<defs>\n${defs}\n</defs>\n${body}\n</svg>\n`
  );
}

/** Points of a 5-pointed star as an SVG polygon `points` string. */
function starPoints(cx, cy, R, rot = -90, ratio = 0.382) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? R : R * ratio;
    const a = ((rot + i * 36) * Math.PI) / 180;
    pts.push(`${n(cx + r * Math.cos(a))},${n(cy + r * Math.sin(a))}`);
  }
  return pts.join(' ');
}

function star(cx, cy, R, attrs = `fill="${C.gold}"`, rot = -90) {
  return `<polygon points="${starPoints(cx, cy, R, rot)}" ${attrs}/>`;
}

/** 4-pointed sparkle. */
function sparkle(cx, cy, r, attrs) {
  const k = r * 0.18;
  return `<path d="M${n(cx)},${n(cy - r)} Q${n(cx + k)},${n(cy - k)} ${n(cx + r)},${n(cy)} Q${n(cx + k)},${n(cy + k)} ${n(cx)},${n(cy + r)} Q${n(cx - k)},${n(cy + k)} ${n(cx - r)},${n(cy)} Q${n(cx - k)},${n(cy - k)} ${n(cx)},${n(cy - r)}Z" ${attrs}/>`;
}

/** Sunburst wedges around (cx, cy). */
function rays(cx, cy, count, len, attrs, widthFrac = 0.5, offsetDeg = 0) {
  const step = 360 / count;
  let d = '';
  for (let i = 0; i < count; i++) {
    const a0 = ((offsetDeg + i * step) * Math.PI) / 180;
    const a1 = ((offsetDeg + i * step + step * widthFrac) * Math.PI) / 180;
    d += `M${cx},${cy}L${n(cx + len * Math.cos(a0))},${n(cy + len * Math.sin(a0))}L${n(cx + len * Math.cos(a1))},${n(cy + len * Math.sin(a1))}Z`;
  }
  return `<path d="${d}" ${attrs}/>`;
}

const softShadow = (id, dy = 18, blur = 28, op = 0.28, color = '#3a080c') =>
  `<filter id="${id}" x="-20%" y="-20%" width="140%" height="150%"><feDropShadow dx="0" dy="${dy}" stdDeviation="${blur}" flood-color="${color}" flood-opacity="${op}"/></filter>`;

const blurFilter = (id, sd) =>
  `<filter id="${id}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${sd}"/></filter>`;

// ---------------------------------------------------------------- icons
// Each icon is drawn in a 200x200 box centred on (0,0); place with transform.

const icons = {
  house: (col) => `
    <path d="M-78,-4 L0,-74 L78,-4" fill="none" stroke="${col}" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M-56,-18 V66 H56 V-18" fill="none" stroke="${col}" stroke-width="14" stroke-linejoin="round"/>
    <rect x="-18" y="18" width="36" height="48" rx="6" fill="${col}"/>
    <rect x="34" y="-70" width="18" height="34" rx="3" fill="${col}"/>`,
  book: (col) => `
    <path d="M0,-40 C-28,-62 -64,-66 -88,-58 V54 C-64,46 -28,50 0,70 Z" fill="none" stroke="${col}" stroke-width="13" stroke-linejoin="round"/>
    <path d="M0,-40 C28,-62 64,-66 88,-58 V54 C64,46 28,50 0,70 Z" fill="none" stroke="${col}" stroke-width="13" stroke-linejoin="round"/>
    <path d="M-66,-26 C-48,-30 -30,-26 -18,-18 M-66,2 C-48,-2 -30,2 -18,10 M66,-26 C48,-30 30,-26 18,-18 M66,2 C48,-2 30,2 18,10" fill="none" stroke="${col}" stroke-width="8" stroke-linecap="round" opacity=".7"/>`,
  health: (col) => `
    <path d="M0,70 C-40,40 -86,6 -86,-30 C-86,-58 -64,-76 -40,-76 C-22,-76 -8,-66 0,-52 C8,-66 22,-76 40,-76 C64,-76 86,-58 86,-30 C86,6 40,40 0,70 Z" fill="none" stroke="${col}" stroke-width="13" stroke-linejoin="round"/>
    <path d="M-62,-8 H-28 L-14,-34 L6,20 L20,-8 H62" fill="none" stroke="${col}" stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/>`,
  leaf: (col) => `
    <path d="M-60,66 C-80,-10 -30,-74 74,-78 C76,20 20,72 -60,66 Z" fill="none" stroke="${col}" stroke-width="13" stroke-linejoin="round"/>
    <path d="M-74,80 C-30,30 8,-10 52,-52" fill="none" stroke="${col}" stroke-width="11" stroke-linecap="round"/>
    <path d="M-17,21 L-40,-10 M8,-6 L-6,-42 M-17,21 L20,30 M8,-6 L44,-2" fill="none" stroke="${col}" stroke-width="8" stroke-linecap="round" opacity=".7"/>`,
  document: (col) => `
    <path d="M-52,-78 H26 L60,-44 V78 H-52 Z" fill="none" stroke="${col}" stroke-width="12" stroke-linejoin="round"/>
    <path d="M26,-78 V-44 H60" fill="none" stroke="${col}" stroke-width="10" stroke-linejoin="round"/>
    <path d="M-30,-30 H18 M-30,-4 H34" stroke="${col}" stroke-width="9" stroke-linecap="round"/>
    <path d="M-26,34 L-8,52 L30,14" fill="none" stroke="${col}" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>`,
  people: (col) => `
    <circle cx="-34" cy="-38" r="26" fill="none" stroke="${col}" stroke-width="12"/>
    <path d="M-84,62 C-84,18 -62,0 -34,0 C-6,0 16,18 16,62" fill="none" stroke="${col}" stroke-width="12" stroke-linecap="round"/>
    <circle cx="42" cy="-24" r="22" fill="none" stroke="${col}" stroke-width="11"/>
    <path d="M34,12 C38,10 40,10 44,10 C68,10 86,26 86,62" fill="none" stroke="${col}" stroke-width="11" stroke-linecap="round"/>`,
  medal: (col) => `
    <path d="M-40,-86 L-8,-24 M40,-86 L8,-24" stroke="${col}" stroke-width="14" stroke-linecap="round"/>
    <circle cx="0" cy="26" r="54" fill="none" stroke="${col}" stroke-width="12"/>
    <polygon points="${starPoints(0, 28, 30)}" fill="${col}"/>`,
  shield: (col) => `
    <path d="M0,-86 L72,-58 V2 C72,46 40,74 0,90 C-40,74 -72,46 -72,2 V-58 Z" fill="none" stroke="${col}" stroke-width="12" stroke-linejoin="round"/>
    <path d="M-34,2 L-8,28 L38,-22" fill="none" stroke="${col}" stroke-width="13" stroke-linecap="round" stroke-linejoin="round"/>`,
};

const icon = (name, x, y, scale, col) =>
  `<g transform="translate(${x} ${y}) scale(${scale})">${icons[name](col)}</g>`;

// ---------------------------------------------------------------- text-slide backgrounds

/**
 * Calm dark backdrop for text slides: dark wine gradient, faint pattern that
 * fades out towards the centre (where the renderer puts the text), gold hairlines.
 */
function textBackground(variant) {
  const r = rng(variant.length * 977 + 13);
  let pattern;
  let extras = '';
  if (variant === 'lines') {
    pattern = `<pattern id="pat" width="28" height="28" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="28" fill="${C.gold}" opacity=".09"/></pattern>`;
    // Concentric arcs, top-right corner.
    for (let i = 0; i < 7; i++) {
      extras += `<circle cx="1780" cy="120" r="${160 + i * 90}" fill="none" stroke="${C.gold}" stroke-width="${i === 2 ? 3 : 1.5}" opacity="${n(0.16 - i * 0.018)}"/>`;
    }
    for (let i = 0; i < 5; i++) {
      extras += `<circle cx="120" cy="1000" r="${120 + i * 80}" fill="none" stroke="${C.gold}" stroke-width="1.5" opacity="${n(0.1 - i * 0.016)}"/>`;
    }
  } else if (variant === 'diamonds') {
    pattern = `<pattern id="pat" width="64" height="64" patternUnits="userSpaceOnUse"><path d="M32,22 L42,32 L32,42 L22,32Z" fill="none" stroke="${C.gold}" stroke-width="1.5" opacity=".16"/><circle cx="0" cy="0" r="2" fill="${C.gold}" opacity=".14"/><circle cx="64" cy="0" r="2" fill="${C.gold}" opacity=".14"/><circle cx="0" cy="64" r="2" fill="${C.gold}" opacity=".14"/><circle cx="64" cy="64" r="2" fill="${C.gold}" opacity=".14"/></pattern>`;
    // Faint colonnade silhouettes on both sides.
    for (const side of [0, 1]) {
      for (let i = 0; i < 3; i++) {
        const x = side ? 1920 - 110 - i * 110 : 70 + i * 110;
        extras += `<rect x="${x}" y="250" width="40" height="640" rx="4" fill="${C.gold}" opacity=".05"/><rect x="${x - 10}" y="232" width="60" height="18" rx="3" fill="${C.gold}" opacity=".07"/><rect x="${x - 10}" y="890" width="60" height="18" rx="3" fill="${C.gold}" opacity=".07"/>`;
      }
    }
  } else {
    // bokeh: soft gold light circles
    pattern = `<pattern id="pat" width="40" height="40" patternUnits="userSpaceOnUse"><circle cx="20" cy="20" r="1.6" fill="${C.gold}" opacity=".12"/></pattern>`;
    let bokeh = '';
    for (let i = 0; i < 26; i++) {
      const edge = r() < 0.5;
      const x = edge ? (r() < 0.5 ? r() * 420 : 1500 + r() * 420) : r() * 1920;
      const y = edge ? r() * 1080 : r() < 0.5 ? r() * 180 : 900 + r() * 180;
      bokeh += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(20 + r() * 70)}" fill="${r() < 0.7 ? C.gold : C.scarlet}" opacity="${n(0.06 + r() * 0.12)}"/>`;
    }
    extras += `<g filter="url(#soft)">${bokeh}</g>`;
    extras += sparkle(1700, 180, 34, `fill="${C.goldLight}" opacity=".35"`);
    extras += sparkle(230, 880, 24, `fill="${C.goldLight}" opacity=".3"`);
  }

  const defs = `
<radialGradient id="bg" cx="50%" cy="45%" r="75%">
  <stop offset="0" stop-color="#641017"/>
  <stop offset=".55" stop-color="${C.wine}"/>
  <stop offset="1" stop-color="${C.ink}"/>
</radialGradient>
<radialGradient id="fadeCentre" cx="50%" cy="50%" r="62%">
  <stop offset="0" stop-color="#000"/>
  <stop offset=".45" stop-color="#000"/>
  <stop offset="1" stop-color="#fff"/>
</radialGradient>
<mask id="edges"><rect width="${W}" height="${H}" fill="url(#fadeCentre)"/></mask>
<linearGradient id="goldLine" x1="0" x2="1">
  <stop offset="0" stop-color="${C.gold}" stop-opacity="0"/>
  <stop offset=".5" stop-color="${C.gold}" stop-opacity=".55"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity="0"/>
</linearGradient>
${pattern}
${blurFilter('soft', 14)}`;

  const body = `
<rect width="${W}" height="${H}" fill="url(#bg)"/>
<g mask="url(#edges)">
  <rect width="${W}" height="${H}" fill="url(#pat)"/>
  ${extras}
</g>
<rect x="0" y="64" width="${W}" height="1.5" fill="url(#goldLine)"/>
<rect x="0" y="${H - 66}" width="${W}" height="1.5" fill="url(#goldLine)"/>
<rect x="120" y="96" width="96" height="6" rx="3" fill="${C.gold}"/>
<rect x="228" y="96" width="24" height="6" rx="3" fill="${C.gold}" opacity=".5"/>
<rect x="${W - 216}" y="${H - 102}" width="96" height="6" rx="3" fill="${C.gold}"/>
<rect x="${W - 252}" y="${H - 102}" width="24" height="6" rx="3" fill="${C.gold}" opacity=".5"/>`;
  return doc(body, defs);
}

// ---------------------------------------------------------------- pack 1: congress report

function congressHall() {
  const cx = 960;
  const defs = `
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset=".55" stop-color="${C.crimson}"/>
  <stop offset="1" stop-color="${C.maroon}"/>
</linearGradient>
<radialGradient id="glow" cx="50%" cy="68%" r="55%">
  <stop offset="0" stop-color="#ffd986" stop-opacity=".75"/>
  <stop offset=".35" stop-color="${C.gold}" stop-opacity=".28"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity="0"/>
</radialGradient>
<radialGradient id="rayFade" cx="50%" cy="70%" r="70%">
  <stop offset="0" stop-color="#fff"/>
  <stop offset="1" stop-color="#000"/>
</radialGradient>
<mask id="rayMask"><rect width="${W}" height="${H}" fill="url(#rayFade)"/></mask>
<linearGradient id="stone" x1="0" y1="0" x2="1" y2="0">
  <stop offset="0" stop-color="#fff8ea"/>
  <stop offset=".6" stop-color="#f4e6cb"/>
  <stop offset="1" stop-color="#dcc39a"/>
</linearGradient>
<linearGradient id="stoneV" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="#fff8ea"/>
  <stop offset="1" stop-color="#e6d2ad"/>
</linearGradient>
<linearGradient id="goldV" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<linearGradient id="ground" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="#6a1016"/>
  <stop offset="1" stop-color="${C.ink}"/>
</linearGradient>
<linearGradient id="ribbon" x1="0" x2="1">
  <stop offset="0" stop-color="${C.gold}" stop-opacity="0"/>
  <stop offset=".3" stop-color="${C.gold}"/>
  <stop offset=".7" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity="0"/>
</linearGradient>
${softShadow('shadow', 20, 30, 0.35)}`;

  // Colonnade
  const colCount = 12;
  const left = 590;
  const right = 1330;
  const colW = 34;
  let cols = '';
  for (let i = 0; i < colCount; i++) {
    const x = left + ((right - left - colW) * i) / (colCount - 1);
    cols += `<rect x="${n(x)}" y="585" width="${colW}" height="235" fill="url(#stone)"/>`;
    cols += `<rect x="${n(x - 5)}" y="578" width="${colW + 10}" height="10" rx="2" fill="url(#goldV)"/>`;
    cols += `<rect x="${n(x - 5)}" y="812" width="${colW + 10}" height="10" rx="2" fill="#e2cca4"/>`;
  }
  // Dark gaps behind columns (portico shadow)
  const portico = `<rect x="${left - 10}" y="585" width="${right - left + 20}" height="235" fill="#4a0b10" opacity=".55"/>`;

  // Arc of stars above the building.
  let stars = '';
  const nStars = 9;
  for (let i = 0; i < nStars; i++) {
    const t = i / (nStars - 1);
    const a = Math.PI * (1.15 + 0.7 * t);
    const x = cx + 430 * Math.cos(a);
    const y = 560 + 330 * Math.sin(a);
    const size = 14 + 16 * (1 - Math.abs(t - 0.5) * 2);
    stars += star(
      x,
      y,
      size,
      `fill="${C.gold}" opacity="${n(0.65 + 0.35 * (1 - Math.abs(t - 0.5) * 2))}"`,
    );
  }

  const r = rng(7);
  let sparks = '';
  for (let i = 0; i < 14; i++) {
    const x = 160 + r() * 1600;
    const y = 80 + r() * 300;
    if (Math.abs(x - cx) < 520 && y > 150) continue;
    sparks += sparkle(x, y, 6 + r() * 12, `fill="${C.goldLight}" opacity="${n(0.35 + r() * 0.4)}"`);
  }

  const body = `
<rect width="${W}" height="${H}" fill="url(#sky)"/>
<g mask="url(#rayMask)">${rays(cx, 760, 48, 1500, `fill="${C.gold}" opacity=".09"`, 0.5, 0)}</g>
<rect width="${W}" height="${H}" fill="url(#glow)"/>
${sparks}
${stars}
<g filter="url(#shadow)">
  <!-- attic and roof -->
  <rect x="${cx - 170}" y="438" width="340" height="60" rx="4" fill="url(#stoneV)"/>
  <rect x="${cx - 180}" y="432" width="360" height="10" rx="3" fill="url(#goldV)"/>
  ${star(cx, 468, 22, `fill="${C.scarlet}"`)}
  <rect x="${cx - 430}" y="498" width="860" height="40" fill="url(#stoneV)"/>
  <rect x="${cx - 440}" y="492" width="880" height="9" rx="3" fill="url(#goldV)"/>
  <rect x="${cx - 450}" y="538" width="900" height="40" fill="url(#stoneV)"/>
  <rect x="${cx - 450}" y="556" width="900" height="4" fill="${C.gold}" opacity=".8"/>
  <rect x="${cx - 455}" y="574" width="910" height="8" rx="2" fill="#d9c095"/>
  ${portico}
  ${cols}
  <!-- wings -->
  <rect x="330" y="600" width="250" height="220" fill="url(#stoneV)"/>
  <rect x="1340" y="600" width="250" height="220" fill="url(#stoneV)"/>
  <rect x="320" y="590" width="270" height="12" rx="3" fill="url(#goldV)"/>
  <rect x="1330" y="590" width="270" height="12" rx="3" fill="url(#goldV)"/>
  ${[0, 1, 2, 3].map((i) => `<rect x="${358 + i * 56}" y="640" width="26" height="140" rx="13" fill="#7a1418" opacity=".55"/><rect x="${1368 + i * 56}" y="640" width="26" height="140" rx="13" fill="#7a1418" opacity=".55"/>`).join('')}
  <!-- steps -->
  <rect x="300" y="820" width="1320" height="22" fill="#efe0c2"/>
  <rect x="270" y="842" width="1380" height="22" fill="#e4d1ab"/>
  <rect x="240" y="864" width="1440" height="24" fill="#d8c096"/>
</g>
<rect x="0" y="888" width="${W}" height="${H - 888}" fill="url(#ground)"/>
<path d="M0,950 C420,900 760,1010 1140,950 C1440,905 1700,930 1920,960" fill="none" stroke="url(#ribbon)" stroke-width="6"/>
<path d="M0,990 C380,950 820,1050 1200,990 C1500,945 1720,980 1920,1000" fill="none" stroke="url(#ribbon)" stroke-width="3" opacity=".6"/>
<path d="M0,1030 C460,1000 780,1070 1180,1030 C1480,1000 1700,1020 1920,1040" fill="none" stroke="url(#ribbon)" stroke-width="2" opacity=".35"/>`;
  return doc(body, defs, 'Congress hall');
}

function growthChart() {
  const defs = `
<pattern id="dots" width="36" height="36" patternUnits="userSpaceOnUse"><circle cx="18" cy="18" r="2" fill="${C.red}" opacity=".08"/></pattern>
<linearGradient id="panel" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset="1" stop-color="${C.red}"/>
</linearGradient>
<linearGradient id="bar" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset="1" stop-color="${C.red}"/>
</linearGradient>
<linearGradient id="barGold" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<linearGradient id="area" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.gold}" stop-opacity=".35"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity="0"/>
</linearGradient>
<clipPath id="panelClip"><rect x="120" y="140" width="580" height="800" rx="36"/></clipPath>
${softShadow('shadow', 16, 26, 0.18)}`;

  // Ring progress
  const ringR = 160;
  const circ = 2 * Math.PI * ringR;
  const ring = `
  <circle cx="400" cy="430" r="${ringR}" fill="none" stroke="#fff" stroke-opacity=".14" stroke-width="30"/>
  <circle cx="400" cy="430" r="${ringR}" fill="none" stroke="${C.gold}" stroke-width="30" stroke-linecap="round"
    stroke-dasharray="${n(circ * 0.78)} ${n(circ)}" transform="rotate(-90 400 430)"/>
  <circle cx="400" cy="430" r="112" fill="#fff" fill-opacity=".08"/>
  <path d="M340,490 L385,440 L415,468 L468,400" fill="none" stroke="#fff" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M436,396 H472 V432" fill="none" stroke="#fff" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/>`;

  const kpis = [0.86, 0.64, 0.93]
    .map((f, i) => {
      const y = 700 + i * 78;
      return `<circle cx="212" cy="${y}" r="16" fill="none" stroke="${C.gold}" stroke-width="5"/>
  <rect x="250" y="${y - 9}" width="360" height="18" rx="9" fill="#fff" fill-opacity=".16"/>
  <rect x="250" y="${y - 9}" width="${n(360 * f)}" height="18" rx="9" fill="${i === 2 ? C.gold : '#fff'}" fill-opacity="${i === 2 ? 1 : 0.85}"/>`;
    })
    .join('\n  ');

  // Bar chart
  const x0 = 880;
  const x1 = 1720;
  const base = 860;
  const top = 240;
  const values = [0.38, 0.45, 0.5, 0.58, 0.63, 0.71, 0.8, 0.92];
  const slot = (x1 - x0) / values.length;
  const bw = slot * 0.52;
  let grid = '';
  for (let i = 0; i <= 4; i++) {
    const y = base - ((base - top) * i) / 4;
    grid += `<line x1="${x0 - 20}" y1="${n(y)}" x2="${x1 + 20}" y2="${n(y)}" stroke="${C.red}" stroke-opacity="${i === 0 ? 0.35 : 0.1}" stroke-width="${i === 0 ? 3 : 2}" ${i === 0 ? '' : 'stroke-dasharray="8 10"'}/>`;
  }
  let bars = '';
  const pts = [];
  values.forEach((v, i) => {
    const h = (base - top) * v;
    const x = x0 + slot * i + (slot - bw) / 2;
    const last = i === values.length - 1;
    const rr = 14;
    bars += `<path d="M${n(x)},${base}V${n(base - h + rr)}Q${n(x)},${n(base - h)} ${n(x + rr)},${n(base - h)}H${n(x + bw - rr)}Q${n(x + bw)},${n(base - h)} ${n(x + bw)},${n(base - h + rr)}V${base}Z" fill="url(#${last ? 'barGold' : 'bar'})"/>`;
    pts.push([x + bw / 2, base - h - 46 - i * 4]);
  });
  const line = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)},${n(y)}`).join('');
  const area = `${line}L${n(pts.at(-1)[0])},${base}L${n(pts[0][0])},${base}Z`;
  const dots = pts
    .map(
      ([x, y], i) =>
        `<circle cx="${n(x)}" cy="${n(y)}" r="${i === pts.length - 1 ? 15 : 10}" fill="#fff" stroke="${C.goldDeep}" stroke-width="6"/>`,
    )
    .join('');
  const [lx, ly] = pts.at(-1);

  const body = `
<rect width="${W}" height="${H}" fill="${C.paper}"/>
<rect width="${W}" height="${H}" fill="url(#dots)"/>
<g filter="url(#shadow)">
  <rect x="120" y="140" width="580" height="800" rx="36" fill="url(#panel)"/>
  <rect x="780" y="140" width="1020" height="800" rx="36" fill="#fff"/>
</g>
<g clip-path="url(#panelClip)"><circle cx="640" cy="200" r="190" fill="#fff" opacity=".06"/><circle cx="160" cy="960" r="150" fill="#fff" opacity=".04"/></g>
<rect x="200" y="220" width="64" height="8" rx="4" fill="${C.gold}"/>
${ring}
${kpis}
${grid}
<path d="${area}" fill="url(#area)"/>
${bars}
<path d="${line}" fill="none" stroke="${C.goldDeep}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
${dots}
${sparkle(lx + 44, ly - 40, 22, `fill="${C.gold}"`)}
<rect x="880" y="200" width="64" height="8" rx="4" fill="${C.scarlet}"/>
<rect x="956" y="200" width="20" height="8" rx="4" fill="${C.gold}"/>`;
  return doc(body, defs, 'Development indicators');
}

function livelihoodIcons() {
  const defs = `
<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset=".5" stop-color="${C.red}"/>
  <stop offset="1" stop-color="#4a0b10"/>
</linearGradient>
<radialGradient id="badge" cx="40%" cy="35%" r="70%">
  <stop offset="0" stop-color="#fffdf7"/>
  <stop offset="1" stop-color="${C.paper2}"/>
</radialGradient>
<linearGradient id="goldRing" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<linearGradient id="path" x1="0" x2="1">
  <stop offset="0" stop-color="${C.gold}" stop-opacity="0"/>
  <stop offset=".15" stop-color="${C.gold}"/>
  <stop offset=".85" stop-color="${C.gold}"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity="0"/>
</linearGradient>
${softShadow('shadow', 22, 26, 0.45, '#240406')}`;

  const names = ['house', 'book', 'health', 'leaf'];
  const xs = [330, 750, 1170, 1590];
  const cy = 520;
  const badges = names
    .map((name, i) => {
      const x = xs[i];
      return `
<circle cx="${x}" cy="${cy}" r="188" fill="none" stroke="${C.gold}" stroke-opacity=".35" stroke-width="2" stroke-dasharray="4 10"/>
<g filter="url(#shadow)"><circle cx="${x}" cy="${cy}" r="150" fill="url(#badge)"/></g>
<circle cx="${x}" cy="${cy}" r="150" fill="none" stroke="url(#goldRing)" stroke-width="10"/>
<circle cx="${x}" cy="${cy}" r="132" fill="none" stroke="${C.gold}" stroke-opacity=".5" stroke-width="2"/>
${icon(name, x, cy, 0.78, C.crimson)}
<path d="M${x},${cy + 214} L${x + 10},${cy + 224} L${x},${cy + 234} L${x - 10},${cy + 224}Z" fill="${C.gold}"/>`;
    })
    .join('');

  let arcs = '';
  for (let i = 0; i < 6; i++) {
    arcs += `<circle cx="960" cy="1180" r="${380 + i * 130}" fill="none" stroke="#fff" stroke-opacity="${n(0.07 - i * 0.008)}" stroke-width="2"/>`;
  }
  let links = '';
  for (let i = 0; i < xs.length - 1; i++) {
    const a = xs[i] + 200;
    const b = xs[i + 1] - 200;
    links += `<circle cx="${(a + b) / 2}" cy="${cy}" r="9" fill="${C.gold}"/>`;
  }

  const body = `
<rect width="${W}" height="${H}" fill="url(#bg)"/>
${arcs}
${rays(960, -200, 60, 1600, `fill="#fff" opacity=".018"`, 0.5, 0)}
<rect x="0" y="${cy - 2}" width="${W}" height="4" fill="url(#path)" opacity=".75"/>
${links}
${badges}
<rect x="120" y="110" width="96" height="6" rx="3" fill="${C.gold}"/>
<rect x="228" y="110" width="24" height="6" rx="3" fill="${C.gold}" opacity=".5"/>`;
  return doc(body, defs, 'Housing, education, healthcare, ecology');
}

// ---------------------------------------------------------------- pack 2: constitution

function constitutionCover() {
  const cx = 960;
  const defs = `
<radialGradient id="bg" cx="50%" cy="52%" r="75%">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset=".6" stop-color="${C.red}"/>
  <stop offset="1" stop-color="#3f090d"/>
</radialGradient>
<radialGradient id="glow" cx="50%" cy="40%" r="40%">
  <stop offset="0" stop-color="#ffe29a" stop-opacity=".55"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity="0"/>
</radialGradient>
<radialGradient id="rayFade" cx="50%" cy="40%" r="60%">
  <stop offset="0" stop-color="#fff"/>
  <stop offset="1" stop-color="#000"/>
</radialGradient>
<mask id="rayMask"><rect width="${W}" height="${H}" fill="url(#rayFade)"/></mask>
<linearGradient id="pageL" x1="0" x2="1">
  <stop offset="0" stop-color="#efe0c4"/>
  <stop offset=".8" stop-color="#fffaf0"/>
  <stop offset="1" stop-color="#e2cfa9"/>
</linearGradient>
<linearGradient id="pageR" x1="1" x2="0">
  <stop offset="0" stop-color="#efe0c4"/>
  <stop offset=".8" stop-color="#fffaf0"/>
  <stop offset="1" stop-color="#e2cfa9"/>
</linearGradient>
<linearGradient id="goldV" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
${softShadow('shadow', 24, 30, 0.45, '#240406')}`;

  const pageLines = (sign) => {
    let d = '';
    for (let i = 0; i < 7; i++) {
      const y = 700 + i * 30;
      const xa = cx + sign * 70;
      const xb = cx + sign * (i === 6 ? 250 : 360);
      d += `M${xa},${y + 10} C${cx + sign * 160},${y - 8} ${cx + sign * 280},${y - 10} ${xb},${y - 4}`;
    }
    return `<path d="${d}" fill="none" stroke="${C.goldDeep}" stroke-opacity=".4" stroke-width="5" stroke-linecap="round"/>`;
  };

  // Balance scale above the book
  const beamY = 330;
  const pan = (x) => `
    <path d="M${x},${beamY + 6} L${x - 62},${beamY + 130} M${x},${beamY + 6} L${x + 62},${beamY + 130}" stroke="${C.goldLight}" stroke-width="4"/>
    <path d="M${x - 86},${beamY + 128} H${x + 86} C${x + 78},${beamY + 178} ${x - 78},${beamY + 178} ${x - 86},${beamY + 128} Z" fill="url(#goldV)"/>`;
  const scale = `
  <circle cx="${cx}" cy="${beamY - 62}" r="20" fill="url(#goldV)"/>
  <rect x="${cx - 9}" y="${beamY - 50}" width="18" height="300" rx="6" fill="url(#goldV)"/>
  <path d="M${cx - 250},${beamY} Q${cx},${beamY - 34} ${cx + 250},${beamY}" fill="none" stroke="url(#goldV)" stroke-width="16" stroke-linecap="round"/>
  <circle cx="${cx - 250}" cy="${beamY}" r="11" fill="${C.goldLight}"/>
  <circle cx="${cx + 250}" cy="${beamY}" r="11" fill="${C.goldLight}"/>
  ${pan(cx - 250)}
  ${pan(cx + 250)}
  <path d="M${cx - 70},${beamY + 262} H${cx + 70} L${cx + 44},${beamY + 236} H${cx - 44} Z" fill="url(#goldV)"/>`;

  // Laurel branches framing the scale: a curved stem with paired leaves.
  let laurel = '';
  for (const side of [-1, 1]) {
    const P0 = { x: cx + side * 470, y: 930 };
    const P1 = { x: cx + side * 720, y: 820 };
    const P2 = { x: cx + side * 600, y: 330 };
    const at = (t) => ({
      x: (1 - t) ** 2 * P0.x + 2 * (1 - t) * t * P1.x + t * t * P2.x,
      y: (1 - t) ** 2 * P0.y + 2 * (1 - t) * t * P1.y + t * t * P2.y,
    });
    laurel += `<path d="M${P0.x},${P0.y} Q${P1.x},${P1.y} ${P2.x},${P2.y}" fill="none" stroke="${C.gold}" stroke-width="5" stroke-linecap="round" opacity=".75"/>`;
    const leaves = 9;
    for (let i = 1; i <= leaves; i++) {
      const t = i / (leaves + 0.4);
      const p = at(t);
      const q = at(t + 0.01);
      const ang = (Math.atan2(q.y - p.y, q.x - p.x) * 180) / Math.PI;
      const size = 1 - t * 0.45;
      for (const k of [-1, 1]) {
        const a = ang + k * 38;
        const rad = (a * Math.PI) / 180;
        const lx = p.x + Math.cos(rad) * 30 * size;
        const ly = p.y + Math.sin(rad) * 30 * size;
        laurel += `<ellipse cx="${n(lx)}" cy="${n(ly)}" rx="${n(32 * size)}" ry="${n(11 * size)}" transform="rotate(${n(a)} ${n(lx)} ${n(ly)})" fill="${k > 0 ? C.gold : C.goldDeep}" opacity=".8"/>`;
      }
    }
    const tip = at(1);
    laurel += `<ellipse cx="${n(tip.x)}" cy="${n(tip.y - 16)}" rx="9" ry="24" fill="${C.gold}" opacity=".8"/>`;
  }

  const body = `
<rect width="${W}" height="${H}" fill="url(#bg)"/>
<g mask="url(#rayMask)">${rays(cx, 430, 40, 1500, `fill="${C.gold}" opacity=".1"`, 0.5, 2)}</g>
<rect width="${W}" height="${H}" fill="url(#glow)"/>
${laurel}
<g filter="url(#shadow)">${scale}</g>
<g filter="url(#shadow)">
  <!-- cover -->
  <path d="M${cx},668 C${cx - 170},630 ${cx - 360},626 ${cx - 470},652 L${cx - 470},930 C${cx - 360},906 ${cx - 170},912 ${cx},950 C${cx + 170},912 ${cx + 360},906 ${cx + 470},930 L${cx + 470},652 C${cx + 360},626 ${cx + 170},630 ${cx},668 Z" fill="#5a0e12"/>
  <path d="M${cx - 470},930 C${cx - 360},906 ${cx - 170},912 ${cx},950 C${cx + 170},912 ${cx + 360},906 ${cx + 470},930" fill="none" stroke="${C.gold}" stroke-width="4"/>
  <!-- pages -->
  <path d="M${cx},660 C${cx - 160},612 ${cx - 340},610 ${cx - 440},636 L${cx - 440},904 C${cx - 340},880 ${cx - 160},886 ${cx},928 Z" fill="url(#pageL)"/>
  <path d="M${cx},660 C${cx + 160},612 ${cx + 340},610 ${cx + 440},636 L${cx + 440},904 C${cx + 340},880 ${cx + 160},886 ${cx},928 Z" fill="url(#pageR)"/>
  <path d="M${cx},660 V928" stroke="#c9ad7d" stroke-width="3"/>
  ${pageLines(-1)}
  ${pageLines(1)}
</g>
${star(cx, 160, 26, `fill="${C.goldLight}"`)}
${sparkle(cx - 330, 190, 14, `fill="${C.goldLight}" opacity=".6"`)}
${sparkle(cx + 340, 210, 18, `fill="${C.goldLight}" opacity=".6"`)}`;
  return doc(body, defs, 'Constitution: open book and balance');
}

function thirteenPoints() {
  const cx = 960;
  const cy = 540;
  const R = 385;
  const defs = `
<radialGradient id="bg" cx="50%" cy="50%" r="70%">
  <stop offset="0" stop-color="#7d141b"/>
  <stop offset=".6" stop-color="${C.maroon}"/>
  <stop offset="1" stop-color="${C.ink}"/>
</radialGradient>
<radialGradient id="core" cx="40%" cy="35%" r="75%">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset="1" stop-color="${C.red}"/>
</radialGradient>
<radialGradient id="node" cx="40%" cy="35%" r="75%">
  <stop offset="0" stop-color="#fffdf7"/>
  <stop offset="1" stop-color="${C.paper2}"/>
</radialGradient>
<linearGradient id="goldRing" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<radialGradient id="halo" cx="50%" cy="50%" r="50%">
  <stop offset=".5" stop-color="${C.gold}" stop-opacity=".22"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity="0"/>
</radialGradient>
${softShadow('shadow', 10, 14, 0.5, '#160203')}`;

  let spokes = '';
  let nodes = '';
  for (let i = 0; i < 13; i++) {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / 13;
    const x = cx + R * Math.cos(a);
    const y = cy + R * Math.sin(a);
    const xi = cx + 230 * Math.cos(a);
    const yi = cy + 230 * Math.sin(a);
    spokes += `<line x1="${n(xi)}" y1="${n(yi)}" x2="${n(cx + (R - 62) * Math.cos(a))}" y2="${n(cy + (R - 62) * Math.sin(a))}" stroke="${C.gold}" stroke-opacity=".35" stroke-width="2"/>`;
    spokes += `<circle cx="${n(xi)}" cy="${n(yi)}" r="5" fill="${C.gold}"/>`;
    nodes += `<g filter="url(#shadow)"><circle cx="${n(x)}" cy="${n(y)}" r="54" fill="url(#node)"/></g>`;
    nodes += `<circle cx="${n(x)}" cy="${n(y)}" r="54" fill="none" stroke="url(#goldRing)" stroke-width="6"/>`;
    nodes += `<text x="${n(x)}" y="${n(y + 15)}" text-anchor="middle" font-family="${FONT}" font-weight="700" font-size="42" fill="${C.crimson}">${i + 1}</text>`;
  }

  let rings = '';
  for (let i = 0; i < 4; i++) {
    rings += `<circle cx="${cx}" cy="${cy}" r="${R + 110 + i * 90}" fill="none" stroke="${C.gold}" stroke-opacity="${n(0.12 - i * 0.025)}" stroke-width="1.5"/>`;
  }

  const body = `
<rect width="${W}" height="${H}" fill="url(#bg)"/>
${rings}
<circle cx="${cx}" cy="${cy}" r="${R + 80}" fill="url(#halo)"/>
<circle cx="${cx}" cy="${cy}" r="${R}" fill="none" stroke="${C.gold}" stroke-opacity=".5" stroke-width="3" stroke-dasharray="2 14" stroke-linecap="round"/>
${spokes}
<circle cx="${cx}" cy="${cy}" r="214" fill="none" stroke="${C.gold}" stroke-opacity=".3" stroke-width="2"/>
<g filter="url(#shadow)"><circle cx="${cx}" cy="${cy}" r="190" fill="url(#core)"/></g>
<circle cx="${cx}" cy="${cy}" r="190" fill="none" stroke="url(#goldRing)" stroke-width="10"/>
<circle cx="${cx}" cy="${cy}" r="168" fill="none" stroke="${C.gold}" stroke-opacity=".45" stroke-width="2"/>
${icon('shield', cx, cy - 4, 1.1, C.gold)}
${nodes}
<rect x="120" y="96" width="96" height="6" rx="3" fill="${C.gold}"/>
<rect x="228" y="96" width="24" height="6" rx="3" fill="${C.gold}" opacity=".5"/>
<rect x="${W - 216}" y="${H - 102}" width="96" height="6" rx="3" fill="${C.gold}"/>`;
  return doc(body, defs, 'Thirteen key points');
}

// ---------------------------------------------------------------- pack 3: political birthday

function birthdayCard() {
  const cx = 960;
  const cardX = 500;
  const cardY = 110;
  const cardW = 920;
  const cardH = 860;
  const defs = `
<radialGradient id="bg" cx="50%" cy="45%" r="75%">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset=".6" stop-color="${C.red}"/>
  <stop offset="1" stop-color="#3a080c"/>
</radialGradient>
<linearGradient id="paper" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="#fffbf2"/>
  <stop offset="1" stop-color="#f4e6cc"/>
</linearGradient>
<linearGradient id="goldV" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<linearGradient id="goldL" x1="0" x2="1">
  <stop offset="0" stop-color="${C.goldDeep}" stop-opacity="0"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<linearGradient id="goldR" x1="1" x2="0">
  <stop offset="0" stop-color="${C.goldDeep}" stop-opacity="0"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<linearGradient id="band" x1="0" x2="1">
  <stop offset="0" stop-color="${C.red}"/>
  <stop offset=".5" stop-color="${C.scarlet}"/>
  <stop offset="1" stop-color="${C.red}"/>
</linearGradient>
<radialGradient id="rayFade" cx="50%" cy="50%" r="60%">
  <stop offset="0" stop-color="#fff"/>
  <stop offset="1" stop-color="#000"/>
</radialGradient>
<mask id="rayMask"><rect width="${W}" height="${H}" fill="url(#rayFade)"/></mask>
<clipPath id="cardClip"><rect x="${cardX}" y="${cardY}" width="${cardW}" height="${cardH}" rx="26"/></clipPath>
${softShadow('shadow', 30, 40, 0.5, '#1f0406')}
${blurFilter('soft', 10)}`;

  // Confetti outside the card.
  const r = rng(42);
  let confetti = '';
  let placed = 0;
  while (placed < 46) {
    const x = 40 + r() * 1840;
    const y = 30 + r() * 1020;
    if (x > cardX - 40 && x < cardX + cardW + 40) continue;
    placed++;
    const col = [C.gold, C.goldLight, '#fff4dc', C.gold][Math.floor(r() * 4)];
    const rot = n(r() * 180);
    const s = 8 + r() * 14;
    if (r() < 0.35) {
      confetti += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(s / 2.4)}" fill="${col}" opacity="${n(0.45 + r() * 0.45)}"/>`;
    } else if (r() < 0.5) {
      confetti += star(x, y, s * 0.9, `fill="${col}" opacity="${n(0.5 + r() * 0.4)}"`, rot);
    } else {
      confetti += `<rect x="${n(x)}" y="${n(y)}" width="${n(s * 1.8)}" height="${n(s * 0.7)}" rx="2" transform="rotate(${rot} ${n(x)} ${n(y)})" fill="${col}" opacity="${n(0.5 + r() * 0.4)}"/>`;
    }
  }

  const corner = (x, y, sx, sy) => `
  <g transform="translate(${x} ${y}) scale(${sx} ${sy})">
    <path d="M0,70 V0 H70" fill="none" stroke="${C.goldDeep}" stroke-width="5" stroke-linecap="round"/>
    <path d="M16,86 V16 H86" fill="none" stroke="${C.goldDeep}" stroke-width="2" stroke-opacity=".6"/>
    <path d="M0,-12 L12,0 L0,12 L-12,0Z" fill="${C.goldDeep}"/>
  </g>`;

  const ix = cardX + 36;
  const iy = cardY + 36;
  const iw = cardW - 72;
  const ih = cardH - 72;

  const body = `
<rect width="${W}" height="${H}" fill="url(#bg)"/>
<g mask="url(#rayMask)">${rays(cx, 540, 56, 1500, `fill="${C.gold}" opacity=".08"`, 0.5, 0)}</g>
<g filter="url(#soft)">${confetti}</g>
${confetti}
<g filter="url(#shadow)"><rect x="${cardX}" y="${cardY}" width="${cardW}" height="${cardH}" rx="26" fill="url(#paper)"/></g>
<g clip-path="url(#cardClip)">
  <rect x="${cardX}" y="${cardY}" width="${cardW}" height="14" fill="url(#band)"/>
  <rect x="${cardX}" y="${cardY + cardH - 14}" width="${cardW}" height="14" fill="url(#band)"/>
  <circle cx="${cardX + cardW}" cy="${cardY + cardH}" r="260" fill="${C.gold}" opacity=".07"/>
  <circle cx="${cardX}" cy="${cardY}" r="200" fill="${C.gold}" opacity=".06"/>
</g>
<rect x="${ix}" y="${iy}" width="${iw}" height="${ih}" rx="10" fill="none" stroke="${C.goldDeep}" stroke-width="2.5"/>
<rect x="${ix + 12}" y="${iy + 12}" width="${iw - 24}" height="${ih - 24}" rx="6" fill="none" stroke="${C.goldDeep}" stroke-opacity=".45" stroke-width="1.2"/>
${corner(ix + 30, iy + 30, 1, 1)}
${corner(ix + iw - 30, iy + 30, -1, 1)}
${corner(ix + 30, iy + ih - 30, 1, -1)}
${corner(ix + iw - 30, iy + ih - 30, -1, -1)}
<!-- emblem: gold star in ring -->
<circle cx="${cx}" cy="268" r="74" fill="${C.scarlet}"/>
<circle cx="${cx}" cy="268" r="74" fill="none" stroke="url(#goldV)" stroke-width="8"/>
<circle cx="${cx}" cy="268" r="62" fill="none" stroke="${C.gold}" stroke-opacity=".6" stroke-width="2"/>
${star(cx, 272, 44, `fill="url(#goldV)"`)}
${[-1, 1].map((s) => `<rect x="${s < 0 ? cx - 300 : cx + 128}" y="266.5" width="172" height="3" fill="url(#${s < 0 ? 'goldL' : 'goldR'})"/>${star(cx + s * 110, 268, 10, `fill="${C.goldDeep}"`)}`).join('')}
<text x="${cx}" y="470" text-anchor="middle" font-family="${FONT}" font-weight="700" font-size="120" letter-spacing="18" fill="${C.crimson}">政治生日</text>
<text x="${cx}" y="530" text-anchor="middle" font-family="${FONT}" font-weight="500" font-size="30" letter-spacing="12" fill="${C.goldDeep}">POLITICAL BIRTHDAY</text>
<rect x="${cx - 250}" y="584.5" width="226" height="3" fill="url(#goldL)"/>
<rect x="${cx + 24}" y="584.5" width="226" height="3" fill="url(#goldR)"/>
<path d="M${cx},572 L${cx + 14},586 L${cx},600 L${cx - 14},586Z" fill="${C.goldDeep}"/>
<text x="${cx}" y="680" text-anchor="middle" font-family="${FONT}" font-weight="700" font-size="64" letter-spacing="8" fill="${C.maroon}">张明同志</text>
<text x="${cx}" y="736" text-anchor="middle" font-family="${FONT}" font-weight="400" font-size="30" letter-spacing="3" fill="#7a4a2a">Comrade Zhang Ming</text>
<rect x="${cx - 300}" y="776" width="600" height="76" rx="38" fill="${C.scarlet}"/>
<rect x="${cx - 292}" y="784" width="584" height="60" rx="30" fill="none" stroke="${C.gold}" stroke-opacity=".5" stroke-width="1.5"/>
<text x="${cx}" y="827" text-anchor="middle" font-family="${FONT}" font-weight="700" font-size="34" letter-spacing="3" fill="${C.goldLight}">入党三十周年 · 30 YEARS</text>
<text x="${cx}" y="912" text-anchor="middle" font-family="${FONT}" font-weight="500" font-size="30" letter-spacing="10" fill="${C.red}">不忘初心 · 牢记使命</text>`;
  return doc(body, defs, 'Political birthday card');
}

function serviceTimeline() {
  const defs = `
<pattern id="dots" width="36" height="36" patternUnits="userSpaceOnUse"><circle cx="18" cy="18" r="2" fill="${C.red}" opacity=".07"/></pattern>
<linearGradient id="path" x1="0" x2="1">
  <stop offset="0" stop-color="${C.red}" stop-opacity=".2"/>
  <stop offset=".2" stop-color="${C.red}"/>
  <stop offset="1" stop-color="${C.scarlet}"/>
</linearGradient>
<radialGradient id="node" cx="40%" cy="35%" r="75%">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset="1" stop-color="${C.red}"/>
</radialGradient>
<radialGradient id="nodeGold" cx="40%" cy="35%" r="75%">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</radialGradient>
<linearGradient id="goldRing" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="${C.goldLight}"/>
  <stop offset="1" stop-color="${C.goldDeep}"/>
</linearGradient>
<linearGradient id="num" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.gold}" stop-opacity=".42"/>
  <stop offset="1" stop-color="${C.gold}" stop-opacity=".1"/>
</linearGradient>
<linearGradient id="band" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="${C.scarlet}"/>
  <stop offset="1" stop-color="${C.red}"/>
</linearGradient>
${softShadow('shadow', 14, 18, 0.3)}`;

  const nodes = [
    { x: 300, y: 770, icon: 'document' },
    { x: 640, y: 660, icon: 'book' },
    { x: 980, y: 560, icon: 'people' },
    { x: 1320, y: 450, icon: 'medal' },
    { x: 1640, y: 320, icon: 'star' },
  ];
  // Smooth path through the nodes (Catmull-Rom -> cubic Bezier).
  const ext = [{ x: 80, y: 830 }, ...nodes, { x: 1900, y: 230 }];
  let d = `M${ext[0].x},${ext[0].y}`;
  for (let i = 0; i < ext.length - 1; i++) {
    const p0 = ext[Math.max(0, i - 1)];
    const p1 = ext[i];
    const p2 = ext[i + 1];
    const p3 = ext[Math.min(ext.length - 1, i + 2)];
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += ` C${n(c1.x)},${n(c1.y)} ${n(c2.x)},${n(c2.y)} ${p2.x},${p2.y}`;
  }

  const baseY = 940;
  let stems = '';
  let marks = '';
  nodes.forEach((p, i) => {
    const last = i === nodes.length - 1;
    const r = last ? 96 : 78;
    stems += `<line x1="${p.x}" y1="${p.y + r + 14}" x2="${p.x}" y2="${baseY}" stroke="${C.red}" stroke-opacity=".3" stroke-width="3" stroke-dasharray="3 12" stroke-linecap="round"/>`;
    stems += `<circle cx="${p.x}" cy="${baseY}" r="${last ? 14 : 10}" fill="${last ? C.gold : C.red}"/>`;
    marks += `<circle cx="${p.x}" cy="${p.y}" r="${r + 16}" fill="${last ? C.gold : C.red}" opacity=".1"/>`;
    marks += `<g filter="url(#shadow)"><circle cx="${p.x}" cy="${p.y}" r="${r}" fill="url(#${last ? 'nodeGold' : 'node'})"/></g>`;
    marks += `<circle cx="${p.x}" cy="${p.y}" r="${r}" fill="none" stroke="${last ? '#fff' : 'url(#goldRing)'}" stroke-opacity="${last ? 0.7 : 1}" stroke-width="6"/>`;
    marks += last
      ? star(p.x, p.y + 4, 54, `fill="${C.scarlet}"`)
      : icon(p.icon, p.x, p.y, 0.42, '#fff');
  });

  const body = `
<rect width="${W}" height="${H}" fill="${C.paper}"/>
<rect width="${W}" height="${H}" fill="url(#dots)"/>
<text x="110" y="570" font-family="${FONT}" font-weight="900" font-size="500" letter-spacing="-10" fill="url(#num)">30</text>
<rect x="0" y="0" width="${W}" height="14" fill="url(#band)"/>
<rect x="120" y="110" width="96" height="8" rx="4" fill="${C.scarlet}"/>
<rect x="228" y="110" width="24" height="8" rx="4" fill="${C.gold}"/>
<line x1="120" y1="${baseY}" x2="1800" y2="${baseY}" stroke="${C.red}" stroke-opacity=".35" stroke-width="3"/>
${stems}
<path d="${d}" fill="none" stroke="${C.gold}" stroke-opacity=".45" stroke-width="34" stroke-linecap="round"/>
<path d="${d}" fill="none" stroke="url(#path)" stroke-width="14" stroke-linecap="round"/>
${marks}
${sparkle(1760, 200, 26, `fill="${C.gold}"`)}
${sparkle(1530, 250, 14, `fill="${C.goldDeep}" opacity=".7"`)}`;
  return doc(body, defs, 'Milestones of service');
}

// ---------------------------------------------------------------- write

const files = {
  '1-congress-report/media/bg-text.svg': textBackground('lines'),
  '1-congress-report/media/congress-hall.svg': congressHall(),
  '1-congress-report/media/growth-chart.svg': growthChart(),
  '1-congress-report/media/livelihood.svg': livelihoodIcons(),
  '2-constitution-points/media/bg-text.svg': textBackground('diamonds'),
  '2-constitution-points/media/cover.svg': constitutionCover(),
  '2-constitution-points/media/thirteen-points.svg': thirteenPoints(),
  '3-political-birthday/media/bg-text.svg': textBackground('bokeh'),
  '3-political-birthday/media/card.svg': birthdayCard(),
  '3-political-birthday/media/timeline.svg': serviceTimeline(),
};

for (const [rel, content] of Object.entries(files)) {
  const out = join(outRoot, rel);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, content);
  console.log(`${(Buffer.byteLength(content) / 1024).toFixed(1).padStart(6)} KB  ${rel}`);
}
