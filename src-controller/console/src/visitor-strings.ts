/** The visitor panel's words, Chinese and English side by side like the rest of the console. */
export const VISITOR_TEXT = {
  title: { zh: '访客页面', en: 'Visitor pages' },
  intro: {
    zh: '观众用手机扫码阅读展览内容。只公开已发布到按键的主题。',
    en: 'Visitors scan a code to read the exhibition on their phones. Only themes published to a key are shown.',
  },
  enabled: { zh: '公开访客页面', en: 'Visitor pages are public' },
  all: { zh: '所有已发布主题', en: 'Every published theme' },
  some: { zh: '仅选中的主题', en: 'Only the themes ticked below' },
  publicUrl: {
    zh: '公开地址（观众手机访问展厅的地址）',
    en: "Public address (the hall as visitors' phones reach it)",
  },
  publicUrlHint: {
    zh: '留空则使用 --public-url 或本机局域网地址',
    en: 'Leave empty to use --public-url or this machine\u2019s LAN address',
  },
  inUse: { zh: '二维码当前使用', en: 'QR codes now use' },
  source: {
    setting: { zh: '本设置', en: 'this setting' },
    flag: { zh: '--public-url 参数', en: 'the --public-url flag' },
    detected: { zh: '自动检测的局域网地址', en: 'the detected LAN address' },
  },
  save: { zh: '保存', en: 'Save' },
  saving: { zh: '保存中…', en: 'Saving…' },
  timeout: { zh: '控制器 10 秒内无响应', en: 'the controller did not answer within 10 s' },
  open: { zh: '打开', en: 'Open' },
  qrSvg: { zh: '二维码 SVG', en: 'QR SVG' },
  qrPng: { zh: '打印用 PNG', en: 'Print PNG' },
  hidden: { zh: '未公开', en: 'not public' },
  noThemes: { zh: '还没有发布的主题。', en: 'No theme is published yet.' },
} as const;
