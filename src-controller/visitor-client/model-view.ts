/**
 * Progressive enhancement for 3D model slides on visitor pages. This entry is tiny; three.js
 * is fetched only when a model scrolls near the screen, so a page is light until then and a
 * phone without WebGL keeps the poster and the text.
 */
const figures = document.querySelectorAll<HTMLElement>('[data-model]');

async function start(figure: HTMLElement) {
  const url = figure.dataset.model;
  if (!url) return;
  figure.dataset.state = 'loading';
  try {
    const { mountModel } = await import('./model-3d');
    await mountModel(figure, url);
    figure.dataset.state = 'ready';
  } catch {
    figure.dataset.state = 'failed';
  }
}

if (figures.length > 0) {
  const watcher = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        watcher.unobserve(entry.target);
        void start(entry.target as HTMLElement);
      }
    },
    { rootMargin: '300px 0px' },
  );
  figures.forEach((figure) => watcher.observe(figure));
}
