import { hallCatalogue } from './hall-catalogue';

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

  // the pack library on a node of a cluster (ClusterLibraryStatus)
  'libraryCluster.same': both(
    (hall: string) => `Same library on every node of hall ${hall}.`,
    (hall: string) => `展厅 ${hall} 的每个节点内容包库相同。`,
  ),
  'libraryCluster.syncing': {
    en: 'Receiving packs from the hall’s other nodes…',
    zh: '正在从展厅的其他节点接收内容包…',
  },
  'libraryCluster.problems': both(
    (n: number) =>
      n === 1
        ? '1 pack version of the hall is not the same on this node yet:'
        : `${n} pack versions of the hall are not the same on this node yet:`,
    (n: number) => `展厅中有 ${n} 个内容包版本在本节点上尚不一致：`,
  ),
  'libraryCluster.fetch': { en: 'not on this node yet, retrying', zh: '尚未到达本节点，正在重试' },
  'libraryCluster.refused': { en: 'refused by this node’s checks', zh: '未通过本节点的检查' },
  'libraryCluster.conflict': {
    en: 'this node holds different content under this version',
    zh: '本节点在此版本号下的内容不同',
  },
  'libraryCluster.delete': {
    en: 'deleted in the hall, kept here while it is in use',
    zh: '已在展厅中删除，使用中暂时保留',
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
  // errors the controller reports with a code
  'error.wrongCredentials': { en: 'Wrong user name or password.', zh: '用户名或密码错误。' },
  'error.disabled': {
    en: 'This account is disabled. Ask an administrator.',
    zh: '此账户已停用，请联系管理员。',
  },
  'error.remoteConsole': {
    en: 'The console may only be used on the controller machine. Start the controller with --allow-remote-console to use it from other machines.',
    zh: '控制台只能在控制器所在的电脑上使用。若要从其他电脑使用，请用 --allow-remote-console 启动控制器。',
  },
  'error.notLoggedIn': { en: 'Please log in.', zh: '请登录。' },
  'error.lastAdministrator': {
    en: 'This is the last active administrator. Make another administrator first.',
    zh: '这是最后一个有效的管理员账户，请先设置另一位管理员。',
  },
  'error.setupDone': {
    en: 'HallCue is already set up. Log in with an existing account.',
    zh: 'HallCue 已经设置完成，请用现有账户登录。',
  },
  'error.rateLimited': both(
    (seconds: number) =>
      `Too many failed logins. Try again in ${seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}.`,
    (seconds: number) =>
      `登录失败次数过多，请在 ${seconds >= 90 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`}后重试。`,
  ),
  'error.unreachable': {
    en: 'The controller cannot be reached.',
    zh: '无法连接控制器。',
  },

  // setup and login
  'auth.footer': {
    en: 'HallCue · multi-screen hall control',
    zh: 'HallCue · 多屏展厅控制',
  },
  'auth.username': { en: 'User name', zh: '用户名' },
  'auth.password': { en: 'Password', zh: '密码' },
  'auth.confirmPassword': { en: 'Password again', zh: '再次输入密码' },
  'auth.passwordRule': both(
    (n: number) => `At least ${n} characters.`,
    (n: number) => `至少 ${n} 个字符。`,
  ),
  'auth.passwordTooShort': both(
    (n: number) => `The password needs at least ${n} characters.`,
    (n: number) => `密码至少需要 ${n} 个字符。`,
  ),
  'auth.passwordsDiffer': {
    en: 'The two passwords are not the same.',
    zh: '两次输入的密码不一致。',
  },
  'setup.title': { en: 'Welcome to HallCue', zh: '欢迎使用 HallCue' },
  'setup.lead': {
    en: 'Create the administrator account. It can then add operators and curators. There is no default password.',
    zh: '创建管理员账户，之后可用它添加操作员和策展人。系统没有默认密码。',
  },
  'setup.submit': { en: 'Create administrator', zh: '创建管理员' },
  'login.title': { en: 'Log in', zh: '登录' },
  'login.submit': { en: 'Log in', zh: '登录' },
  'unavailable.title': { en: 'Console not available', zh: '控制台不可用' },
  'session.ended': {
    en: 'Your session has ended. Please log in again.',
    zh: '您的会话已结束，请重新登录。',
  },

  // navigation
  'nav.label': { en: 'Console pages', zh: '控制台页面' },
  'nav.hall': { en: 'Hall', zh: '展厅' },
  'nav.accounts': { en: 'Accounts', zh: '账户' },
  'nav.tokens': { en: 'API tokens', zh: 'API 令牌' },
  'nav.audit': { en: 'Audit log', zh: '审计日志' },
  'nav.logout': { en: 'Log out', zh: '退出登录' },

  // roles
  'role.operator': { en: 'Operator', zh: '操作员' },
  'role.curator': { en: 'Curator', zh: '策展人' },
  'role.administrator': { en: 'Administrator', zh: '管理员' },
  'roles.whoMay': { en: 'Who may do what', zh: '各角色的权限' },
  'roles.switch': { en: 'Switch themes', zh: '切换主题' },
  'roles.packs': {
    en: 'Upload, publish, roll back and delete packs',
    zh: '上传、发布、回滚和删除内容包',
  },
  'roles.screens': { en: 'Approve and revoke screens', zh: '批准和撤销屏幕' },
  'roles.accounts': {
    en: 'Accounts, API tokens, audit log',
    zh: '账户、API 令牌、审计日志',
  },

  // accounts page
  'accounts.title': { en: 'Accounts', zh: '账户' },
  'accounts.lead': {
    en: 'Everyone who uses the console has an account. Changing a role, a password or disabling an account logs that person out everywhere.',
    zh: '每位使用控制台的人都有自己的账户。更改角色、密码或停用账户后，该用户会在所有设备上退出登录。',
  },
  'accounts.user': { en: 'User', zh: '用户' },
  'accounts.role': { en: 'Role', zh: '角色' },
  'accounts.state': { en: 'State', zh: '状态' },
  'accounts.you': { en: 'you', zh: '您' },
  'accounts.roleOf': both(
    (name: string) => `role of ${name}`,
    (name: string) => `${name} 的角色`,
  ),
  'accounts.lastLogin': both(
    (when: string) => `last login ${when}`,
    (when: string) => `上次登录 ${when}`,
  ),
  'accounts.neverLoggedIn': { en: 'never logged in', zh: '从未登录' },
  'accounts.active': { en: 'active', zh: '有效' },
  'accounts.disabled': { en: 'disabled', zh: '已停用' },
  'accounts.enable': { en: 'Enable', zh: '启用' },
  'accounts.disable': { en: 'Disable', zh: '停用' },
  'accounts.delete': { en: 'Delete', zh: '删除' },
  'accounts.confirmDelete': { en: 'Confirm delete', zh: '确认删除' },
  'accounts.cannotDeleteSelf': {
    en: 'You cannot delete your own account',
    zh: '不能删除自己的账户',
  },
  'accounts.resetPassword': { en: 'Reset password', zh: '重置密码' },
  'accounts.newPassword': { en: 'new password', zh: '新密码' },
  'accounts.newPasswordFor': both(
    (name: string) => `new password for ${name}`,
    (name: string) => `${name} 的新密码`,
  ),
  'accounts.save': { en: 'Save', zh: '保存' },
  'accounts.cancel': { en: 'Cancel', zh: '取消' },
  'accounts.new': { en: 'New account', zh: '新建账户' },
  'accounts.create': { en: 'Create account', zh: '创建账户' },

  // API tokens page
  'tokens.title': { en: 'API tokens', zh: 'API 令牌' },
  'tokens.lead': {
    en: 'Tokens let button boxes and scripts switch the hall (POST /api/themes/KEY/activate or hallcue switch). Give each device its own token so it can be revoked alone.',
    zh: '令牌让按钮盒和脚本可以切换展厅（POST /api/themes/按键/activate 或 hallcue switch）。每台设备使用各自的令牌，以便单独撤销。',
  },
  'tokens.name': { en: 'Name', zh: '名称' },
  'tokens.namePlaceholder': { en: 'e.g. door button box', zh: '例如：门口按钮盒' },
  'tokens.create': { en: 'Create token', zh: '创建令牌' },
  'tokens.created': both(
    (name: string) => `Token "${name}" created`,
    (name: string) => `已创建令牌“${name}”`,
  ),
  'tokens.shownOnce': {
    en: 'Copy it now: it is shown only this once and cannot be read back later.',
    zh: '请立即复制：令牌只显示这一次，之后无法再查看。',
  },
  'tokens.copy': { en: 'Copy', zh: '复制' },
  'tokens.copied': { en: 'Copied', zh: '已复制' },
  'tokens.done': { en: 'Done', zh: '完成' },
  'tokens.usage': { en: 'Use it like this:', zh: '用法示例：' },
  'tokens.none': { en: 'No API tokens yet.', zh: '还没有 API 令牌。' },
  'tokens.lastUsed': { en: 'Last used', zh: '上次使用' },
  'tokens.neverUsed': { en: 'never', zh: '从未使用' },
  'tokens.createdBy': both(
    (by: string, when: string) => `created by ${by}, ${when}`,
    (by: string, when: string) => `由 ${by} 创建于 ${when}`,
  ),
  'tokens.revoke': { en: 'Revoke', zh: '撤销' },
  'tokens.confirmRevoke': { en: 'Confirm revoke', zh: '确认撤销' },
  'tokens.revokedAt': both(
    (when: string) => `revoked ${when}`,
    (when: string) => `已于 ${when} 撤销`,
  ),

  // audit log page
  'audit.title': { en: 'Audit log', zh: '审计日志' },
  'audit.user': { en: 'User', zh: '用户' },
  'audit.everyone': { en: 'Everyone', zh: '所有人' },
  'audit.action': { en: 'Action', zh: '操作' },
  'audit.allActions': { en: 'All actions', zh: '所有操作' },
  'audit.from': { en: 'From', zh: '开始日期' },
  'audit.to': { en: 'To', zh: '结束日期' },
  'audit.export': { en: 'Export CSV', zh: '导出 CSV' },
  'audit.none': { en: 'Nothing matches these filters.', zh: '没有符合筛选条件的记录。' },
  'audit.when': { en: 'When', zh: '时间' },
  'audit.detail': { en: 'Detail', zh: '详情' },
  'audit.local': { en: 'on the controller', zh: '控制器本机' },
  'audit.more': { en: 'Show older entries', zh: '显示更早的记录' },
  'audit.account.setup': { en: 'First administrator created', zh: '创建首个管理员' },
  'audit.account.login': { en: 'Logged in', zh: '登录' },
  'audit.account.loginFailed': { en: 'Failed login', zh: '登录失败' },
  'audit.account.logout': { en: 'Logged out', zh: '退出登录' },
  'audit.account.create': { en: 'Account created', zh: '创建账户' },
  'audit.account.update': { en: 'Account changed', zh: '修改账户' },
  'audit.account.delete': { en: 'Account deleted', zh: '删除账户' },
  'audit.account.password': { en: 'Own password changed', zh: '修改自己的密码' },
  'audit.token.create': { en: 'API token created', zh: '创建 API 令牌' },
  'audit.token.revoke': { en: 'API token revoked', zh: '撤销 API 令牌' },
  'audit.hall.switch': { en: 'Hall switched', zh: '切换展厅' },
  'audit.screen.approve': { en: 'Screen approved', zh: '批准屏幕' },
  'audit.screen.revoke': { en: 'Screen revoked', zh: '撤销屏幕' },
  'audit.theme.publish': { en: 'Theme published', zh: '发布主题' },
  'audit.theme.rollback': { en: 'Theme rolled back', zh: '回滚主题' },
  'audit.pack.import': { en: 'Pack imported', zh: '导入内容包' },
  'audit.pack.delete': { en: 'Pack version deleted', zh: '删除内容包版本' },
  'audit.visitor.settings': { en: 'Visitor pages changed', zh: '修改访客页面设置' },

  // visitor pages panel
  'visitor.title': { en: 'Visitor pages', zh: '访客页面' },
  'visitor.intro': {
    en: 'Visitors scan a code to read the exhibition on their phones. Only themes published to a key are shown.',
    zh: '观众用手机扫码阅读展览内容。只公开已发布到按键的主题。',
  },
  'visitor.enabled': { en: 'Visitor pages are public', zh: '公开访客页面' },
  'visitor.all': { en: 'Every published theme', zh: '所有已发布主题' },
  'visitor.some': { en: 'Only the themes ticked below', zh: '仅选中的主题' },
  'visitor.publicUrl': {
    en: "Public address (the hall as visitors' phones reach it)",
    zh: '公开地址（观众手机访问展厅的地址）',
  },
  'visitor.publicUrlHint': {
    en: "Leave empty to use --public-url or this machine's LAN address",
    zh: '留空则使用 --public-url 参数或本机局域网地址',
  },
  'visitor.inUse': { en: 'QR codes now use', zh: '二维码当前使用' },
  'visitor.source.setting': { en: 'this setting', zh: '本设置' },
  'visitor.source.flag': { en: 'the --public-url flag', zh: '--public-url 参数' },
  'visitor.source.detected': { en: 'the detected LAN address', zh: '自动检测的局域网地址' },
  'visitor.save': { en: 'Save', zh: '保存' },
  'visitor.saving': { en: 'Saving…', zh: '保存中…' },
  'visitor.timeout': {
    en: 'the controller did not answer within 10 s',
    zh: '控制器 10 秒内无响应',
  },
  'visitor.open': { en: 'Open', zh: '打开' },
  'visitor.qrSvg': { en: 'QR SVG', zh: '二维码 SVG' },
  'visitor.qrPng': { en: 'Print PNG', zh: '打印用 PNG' },
  'visitor.hidden': { en: 'not public', zh: '未公开' },
  'visitor.noThemes': { en: 'No theme is published yet.', zh: '还没有发布的主题。' },
  // own account
  'nav.me': { en: 'My account', zh: '我的账户' },
  'me.title': { en: 'My account', zh: '我的账户' },
  'me.changePassword': { en: 'Change password', zh: '修改密码' },
  'me.current': { en: 'Current password', zh: '当前密码' },
  'me.new': { en: 'New password', zh: '新密码' },
  'me.save': { en: 'Change password', zh: '修改密码' },
  'me.changed': { en: 'Your password was changed.', zh: '密码已修改。' },
  'me.wrongCurrent': { en: 'The current password is not right.', zh: '当前密码不正确。' },
  // Blackout, emergency, zones, keys, the Screens and Programme pages (hall-catalogue.ts).
  ...hallCatalogue,
} satisfies Record<string, Entry>;

export type Catalogue = typeof catalogue;
