import type { Localized } from '../../../src-shared/localized';
import { bothLanguages, type ManifestSlide, type ManifestText } from '../../../src-shared/manifest';
import type { StoredFile } from '../db/packs-table';
import { PHONE_WIDTHS, type ImageVariants } from './image-variants';
import type { Language } from './language';
import type { PublishedPack } from './published';
import { STRINGS, type Strings } from './strings';
import { VISITOR_CSS } from './visitor-css';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML content and quoted attributes. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const pick = (text: ManifestText | undefined, lang: Language) =>
  text ? bothLanguages(text)[lang] : undefined;

/** Text with the curator's line breaks kept. */
const lines = (text: string) => text.split('\n').map(esc).join('<br>');

export interface PageContext {
  lang: Language;
  hallName: Localized;
  /** The current path, for the language link. */
  path: string;
}

function layout(ctx: PageContext, title: string, main: string, extraHead = '', tail = '') {
  const t = STRINGS[ctx.lang];
  return `<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${VISITOR_CSS}</style>${extraHead}
</head>
<body>
<header class="bar">
<a class="hall" href="/hall/">${esc(ctx.hallName[ctx.lang])}</a>
<a class="lang" href="${esc(ctx.path)}?lang=${t.otherLang}" hreflang="${t.otherLang}" lang="${STRINGS[t.otherLang].htmlLang}" data-testid="language-switch">${t.otherLanguage}</a>
</header>
<main>
${main}
</main>
<footer>${esc(t.footer)}</footer>${tail}
</body>
</html>
`;
}

/** `/hall/`: the public themes, in key order. */
export function renderIndex(ctx: PageContext, packs: readonly PublishedPack[]): string {
  const t = STRINGS[ctx.lang];
  const items = packs
    .map((pack) => {
      const description = pick(pack.manifest.description, ctx.lang);
      const count = pack.manifest.roles.main?.slides.length ?? 0;
      return `<li><a class="theme" href="/hall/${esc(pack.packId)}" data-pack="${esc(pack.packId)}">
<span class="theme-title">${esc(pick(pack.manifest.title, ctx.lang) ?? pack.packId)}</span>
${description ? `<span class="theme-text">${esc(description)}</span>` : ''}
<span class="theme-count">${esc(t.slides(count))}</span></a></li>`;
    })
    .join('\n');
  const body = packs.length > 0 ? `<ul class="themes">${items}</ul>` : `<p>${esc(t.noThemes)}</p>`;
  return layout(ctx, ctx.hallName[ctx.lang], `<h1>${esc(t.themes)}</h1>\n${body}`);
}

/** A not-found page that says nothing about what might exist. */
export function renderNotFound(ctx: PageContext): string {
  const t = STRINGS[ctx.lang];
  return layout(
    ctx,
    t.notFound,
    `<h1>${esc(t.notFound)}</h1><p>${esc(t.notFoundBody)}</p><p><a href="/hall/">${esc(t.backToHall)}</a></p>`,
  );
}

interface SlideContext {
  ctx: PageContext;
  t: Strings;
  base: string;
  files: ReadonlyMap<string, StoredFile>;
  variants: ImageVariants;
  /** The first image is above the fold: load it at once, the rest as the visitor scrolls. */
  eager: boolean;
}

const fileUrl = (s: SlideContext, path: string) => {
  const file = s.files.get(path);
  return file ? `${s.base}/f/${file.sha256}` : '';
};

async function image(s: SlideContext, path: string, alt: string, className = 'pic') {
  const file = s.files.get(path);
  if (!file) return '';
  const url = `${s.base}/f/${file.sha256}`;
  const size = await s.variants.size(file);
  const dims = size ? ` width="${size.width}" height="${size.height}"` : '';
  let src = url;
  let srcset = '';
  if (s.variants.resizable(file) && size && size.width > PHONE_WIDTHS[0]) {
    const widths = PHONE_WIDTHS.filter((w) => w < size.width);
    src = `${url}?w=${PHONE_WIDTHS[0]}`;
    srcset = ` srcset="${[...widths.map((w) => `${url}?w=${w} ${w}w`), `${url} ${size.width}w`].join(', ')}" sizes="(max-width: 760px) 100vw, 720px"`;
  }
  const loading = s.eager ? ' fetchpriority="high"' : ' loading="lazy"';
  s.eager = false;
  return `<img class="${className}" src="${src}"${srcset}${dims} alt="${esc(alt)}"${loading} decoding="async">`;
}

function caption(slide: ManifestSlide, lang: Language) {
  const text = pick(slide.caption, lang);
  return text ? `<figcaption>${lines(text)}</figcaption>` : '';
}

async function renderSlide(slide: ManifestSlide, index: number, s: SlideContext) {
  const { lang } = s.ctx;
  const cap = caption(slide, lang);
  const alt = pick(slide.caption, lang) ?? '';
  const open = `<li class="slide slide-${slide.type}" id="s${index + 1}" data-slide="${index}">`;
  switch (slide.type) {
    case 'image':
      return `${open}<figure>${await image(s, slide.src, alt)}${cap}</figure></li>`;
    case 'video': {
      const file = s.files.get(slide.src);
      const poster = slide.poster ? s.files.get(slide.poster) : undefined;
      const size = poster ? await s.variants.size(poster) : null;
      const posterUrl = poster
        ? `${s.base}/f/${poster.sha256}${s.variants.resizable(poster) && size && size.width > 960 ? '?w=960' : ''}`
        : '';
      const dims = size ? ` width="${size.width}" height="${size.height}"` : '';
      return `${open}<figure><video class="pic" controls playsinline preload="none"${posterUrl ? ` poster="${posterUrl}"` : ''}${dims}><source src="${fileUrl(s, slide.src)}" type="${esc(file?.mime ?? 'video/mp4')}">${esc(s.t.videoNoSupport)}</video>${cap}</figure></li>`;
    }
    case 'text': {
      const title = pick(slide.title, lang) ?? '';
      const body = pick(slide.body, lang);
      return `${open}<section class="text"><h2>${lines(title)}</h2>${body ? `<p>${lines(body)}</p>` : ''}</section>${cap ? `<figure>${cap}</figure>` : ''}</li>`;
    }
    case 'html': {
      const page = `${s.base}/page/${slide.src.split('/').map(encodeURIComponent).join('/')}`;
      // No allow-same-origin: the page runs in an opaque origin, away from this one.
      return `${open}<figure><iframe class="page" src="${page}" sandbox="allow-scripts" loading="lazy" referrerpolicy="no-referrer" title="${esc(alt)}"></iframe>${cap}<a class="open-page" href="${page}" target="_blank" rel="noopener noreferrer">${esc(s.t.pageOpen)}</a></figure></li>`;
    }
    case 'model': {
      const poster = slide.poster ? await image(s, slide.poster, alt, 'model-poster') : '';
      return `${open}<figure><div class="model" data-model="${fileUrl(s, slide.src)}" data-loading="${esc(s.t.modelLoading)}">${poster}<noscript><p class="model-note">${esc(s.t.modelNoScript)}</p></noscript></div><p class="model-hint">${esc(s.t.modelHint)}</p>${cap}</figure></li>`;
    }
  }
}

/** `/hall/<pack>`: the theme's main slides, top to bottom, in the visitor's language. */
export async function renderTheme(
  ctx: PageContext,
  pack: PublishedPack & { files: ReadonlyMap<string, StoredFile> },
  variants: ImageVariants,
  modelScript: string | null,
): Promise<string> {
  const t = STRINGS[ctx.lang];
  const slides = pack.manifest.roles.main?.slides ?? [];
  const s: SlideContext = {
    ctx,
    t,
    base: `/hall/${pack.packId}`,
    files: pack.files,
    variants,
    eager: true,
  };
  const items: string[] = [];
  for (const [index, slide] of slides.entries()) items.push(await renderSlide(slide, index, s));
  const title = pick(pack.manifest.title, ctx.lang) ?? pack.packId;
  const description = pick(pack.manifest.description, ctx.lang);
  const hasModel = slides.some((slide) => slide.type === 'model');
  const script =
    hasModel && modelScript ? `\n<script type="module" src="${esc(modelScript)}"></script>` : '';
  const main = `<article data-pack="${esc(pack.packId)}" data-version="${esc(pack.version)}">
<h1>${esc(title)}</h1>
${description ? `<p class="lead">${esc(description)}</p>` : ''}
<ol class="slides">
${items.join('\n')}
</ol>
</article>`;
  return layout(ctx, `${title} · ${ctx.hallName[ctx.lang]}`, main, '', script);
}
