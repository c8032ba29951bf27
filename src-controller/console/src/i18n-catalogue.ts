/**
 * Every string the console shows, in English and Simplified Chinese. Each entry must carry both
 * languages (`satisfies` below fails the type-check otherwise), and a parameterised entry is a
 * pair of functions taking the same arguments.
 */
type Text = string | ((...args: never[]) => string);
interface Entry {
  en: Text;
  zh: Text;
}

/** Keeps the two functions of one entry on the same arguments. */
const both = <A extends unknown[]>(en: (...a: A) => string, zh: (...a: A) => string) => ({
  en,
  zh,
});

export const catalogue = {
  // connection and frame
  'connection.connecting': { en: 'connecting…', zh: '正在连接…' },
  'connection.online': { en: 'connected', zh: '已连接' },
  'connection.offline': {
    en: 'controller unreachable, retrying',
    zh: '无法连接控制器，正在重试',
  },
  'connection.refused': { en: 'refused', zh: '被拒绝' },
  'app.connecting': { en: 'Connecting to the controller…', zh: '正在连接控制器…' },
  'app.onAir': { en: 'On air', zh: '正在播放' },
  'app.nothingOnAir': {
    en: 'Nothing on air: screens show the idle picture',
    zh: '未播放任何主题：屏幕显示待机画面',
  },
  'app.keyError': both(
    (key: string, message: string) => `Key ${key}: ${message}`,
    (key: string, message: string) => `按键 ${key}：${message}`,
  ),
  'app.themes': { en: 'Themes', zh: '主题' },
  'app.themesHint': { en: 'press 1–9 or tap', zh: '按 1–9 或点按' },
  'app.footer': both(
    (version: string, revision: string) => `HallCue ${version} · revision ${revision}`,
    (version: string, revision: string) => `HallCue ${version} · 版本号 ${revision}`,
  ),
  'app.language': { en: 'Language', zh: '语言' },
  'app.timeout': both(
    (seconds: number) => `the controller did not answer within ${seconds} s`,
    (seconds: number) => `控制器在 ${seconds} 秒内没有响应`,
  ),
  'app.refused': { en: 'refused', zh: '被拒绝' },

  // theme keys
  'keys.none': {
    en: 'No themes yet. Import a pack to assign the first key.',
    zh: '还没有主题。导入一个内容包来分配第一个按键。',
  },
  'keys.noScreens': { en: 'no screens online', zh: '没有在线屏幕' },
  'keys.armedOne': { en: '● armed on the screen', zh: '● 屏幕已就绪' },
  'keys.armedAll': both(
    (n: number) => `● armed on all ${n} screens`,
    (n: number) => `● 全部 ${n} 块屏幕已就绪`,
  ),
  'keys.armedPartial': both(
    (ready: number, total: number) => `◐ files on ${ready} of ${total} screens`,
    (ready: number, total: number) => `◐ ${total} 块屏幕中 ${ready} 块已有文件`,
  ),
  'keys.meta': both(
    (slides: number, pack: string, version: string) => `${slides} slides · ${pack} v${version}`,
    (slides: number, pack: string, version: string) => `${slides} 页 · ${pack} v${version}`,
  ),
  'keys.onAirBadge': { en: 'ON AIR', zh: '播放中' },
  'keys.revision': both(
    (revision: number) => `revision ${revision}`,
    (revision: number) => `版本号 ${revision}`,
  ),

  // pack library
  'library.title': { en: 'Pack library', zh: '内容包库' },
  'library.count': both(
    (n: number) => `${n} versions`,
    (n: number) => `${n} 个版本`,
  ),
  'library.slides': both(
    (n: number) => `${n} slides`,
    (n: number) => `${n} 页`,
  ),
  'library.roles': both(
    (roles: string) => `roles ${roles}`,
    (roles: string) => `角色 ${roles}`,
  ),
  'library.rollbackTitle': both(
    (key: string) => `Put key ${key} back on its previous version`,
    (key: string) => `把按键 ${key} 恢复到上一个版本`,
  ),
  'library.rollback': { en: 'roll back', zh: '回滚' },
  'library.onAir': { en: 'on air', zh: '播放中' },
  'library.themeKey': { en: 'theme key', zh: '主题按键' },
  'library.keyOption': both(
    (key: string) => `key ${key}`,
    (key: string) => `按键 ${key}`,
  ),
  'library.publish': { en: 'Publish', zh: '发布' },
  'library.delete': { en: 'Delete', zh: '删除' },
  'library.deleteTitle': {
    en: 'Delete this version and free its files',
    zh: '删除此版本并释放其文件',
  },
  'library.inUse': { en: 'In use: publish another version first', zh: '使用中：请先发布其他版本' },
  'library.curatorOnly': {
    en: 'Only curators and administrators manage packs.',
    zh: '只有策展人和管理员可以管理内容包。',
  },

  // pack upload
  'upload.uploading': { en: 'Uploading', zh: '正在上传' },
  'upload.checking': { en: 'Checking', zh: '正在检查' },
  'upload.storing': { en: 'Storing files', zh: '正在存储文件' },
  'upload.saving': { en: 'Saving', zh: '正在保存' },
  'upload.imported': { en: 'Imported', zh: '已导入' },
  'upload.refused': { en: 'Refused', zh: '已拒绝' },
  'upload.failed': { en: 'Failed', zh: '失败' },
  'upload.drop': {
    en: 'Drop a pack here (.hcpack or .zip)',
    zh: '把内容包拖到这里（.hcpack 或 .zip）',
  },
  'upload.choose': { en: 'Choose a file…', zh: '选择文件…' },
  'upload.bar': { en: 'Upload', zh: '上传' },
  'upload.processing': { en: 'Processing', zh: '处理' },
  'upload.added': both(
    (pack: string, version: string) => `Imported ${pack} ${version}. Publish it to a key below.`,
    (pack: string, version: string) => `已导入 ${pack} ${version}。请在下方把它发布到一个按键。`,
  ),
  'upload.already': both(
    (pack: string, version: string) => `${pack} ${version} is already in the library.`,
    (pack: string, version: string) => `${pack} ${version} 已在内容包库中。`,
  ),
  'upload.answered': both(
    (status: number) => `the controller answered ${status}`,
    (status: number) => `控制器返回 ${status}`,
  ),
  'upload.uploadFailed': { en: 'upload failed', zh: '上传失败' },
  'upload.interrupted': {
    en: 'the upload was interrupted; nothing was imported',
    zh: '上传被中断，没有导入任何内容',
  },

  // screens
  'screens.title': { en: 'Screens', zh: '屏幕' },
  'screens.online': both(
    (online: number, total: number) => `${online} / ${total} online`,
    (online: number, total: number) => `${online} / ${total} 在线`,
  ),
  'screens.none': {
    en: 'No screens yet. Open /screen?screen=NAME on each display.',
    zh: '还没有屏幕。在每台显示器上打开 /screen?screen=名称。',
  },
  'screens.codeLabel': both(
    (name: string) => `pairing code shown on ${name}`,
    (name: string) => `${name} 上显示的配对码`,
  ),
  'screens.codePlaceholder': { en: 'code on screen', zh: '屏幕上的配对码' },
  'screens.approve': { en: 'Approve', zh: '批准' },
  'screens.revoke': { en: 'Revoke', zh: '撤销' },
  'screens.confirmRevoke': { en: 'Confirm revoke', zh: '确认撤销' },
  'screens.onlineState': { en: 'online', zh: '在线' },
  'screens.offlineState': { en: 'offline', zh: '离线' },
  'screens.revoked': { en: 'revoked', zh: '已撤销' },
  'screens.waiting': { en: 'waiting for approval', zh: '等待批准' },
  'screens.showing': both(
    (key: string, title: string) => `showing ${key} · ${title}`,
    (key: string, title: string) => `正在显示 ${key} · ${title}`,
  ),
  'screens.connected': { en: 'connected', zh: '已连接' },
  'screens.idle': { en: 'idle', zh: '待机' },
  'screens.switching': { en: ' · switching…', zh: ' · 正在切换…' },

  // switch history
  'history.title': { en: 'Recent switches', zh: '最近的切换' },
  'history.none': {
    en: 'No switches yet. Press a number key to switch the hall.',
    zh: '还没有切换。按数字键切换整个展厅。',
  },
  'history.noScreens': { en: 'no screens were online', zh: '当时没有在线屏幕' },
  'history.presented': both(
    (presented: number, expected: number) => `${presented}/${expected} screens`,
    (presented: number, expected: number) => `${presented}/${expected} 块屏幕`,
  ),
  'history.spread': both(
    (ms: number) => ` · spread ${ms} ms`,
    (ms: number) => ` · 偏差 ${ms} 毫秒`,
  ),
  'history.waitingFor': both(
    (names: string) => ` · waiting for ${names}`,
    (names: string) => ` · 等待 ${names}`,
  ),
  'history.meta': both(
    (revision: number, by: string) => `revision ${revision} · ${by}`,
    (revision: number, by: string) => `版本号 ${revision} · ${by}`,
  ),
} satisfies Record<string, Entry>;

export type Catalogue = typeof catalogue;
