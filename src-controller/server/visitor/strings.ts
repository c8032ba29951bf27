import type { Language } from './language';

/** The words of the visitor pages, in both hall languages. */
export const STRINGS = {
  zh: {
    htmlLang: 'zh-CN',
    otherLanguage: 'English',
    otherLang: 'en',
    themes: '展览主题',
    slides: (n: number) => `${n} 页`,
    noThemes: '目前没有公开的展览内容。',
    notFound: '没有找到这个页面',
    notFoundBody: '这个展览主题不存在或暂未公开。',
    backToHall: '返回展厅首页',
    modelHint: '用手指旋转，双指缩放',
    modelLoading: '三维模型加载中…',
    modelNoScript: '三维模型需要浏览器支持 JavaScript 和 WebGL。',
    pageOpen: '全屏打开此页面',
    videoNoSupport: '您的浏览器无法播放此视频。',
    tooMany: '请求过于频繁，请稍后再试。',
    footer: '本页内容与展厅屏幕同步更新。',
  },
  en: {
    htmlLang: 'en',
    otherLanguage: '中文',
    otherLang: 'zh',
    themes: 'Exhibitions',
    slides: (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`,
    noThemes: 'Nothing is on show here at the moment.',
    notFound: 'Page not found',
    notFoundBody: 'This exhibition does not exist or is not public yet.',
    backToHall: 'Back to the hall',
    modelHint: 'Drag to turn, pinch to zoom',
    modelLoading: 'Loading the 3D model…',
    modelNoScript: 'The 3D model needs a browser with JavaScript and WebGL.',
    pageOpen: 'Open this page full screen',
    videoNoSupport: 'Your browser cannot play this video.',
    tooMany: 'Too many requests; please try again in a moment.',
    footer: 'This page follows what the hall shows.',
  },
} as const satisfies Record<Language, Record<string, unknown>>;

export type Strings = (typeof STRINGS)[Language];
