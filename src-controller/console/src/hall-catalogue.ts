/**
 * The strings of the hall controls (blackout, emergency, zones, keys, screens page), in English
 * and Simplified Chinese, in the same shape as the console catalogue so they merge into it.
 */
const both = <A extends unknown[]>(en: (...a: A) => string, zh: (...a: A) => string) => ({
  en,
  zh,
});

export const hallCatalogue = {
  // blackout and emergency
  'override.blackout': { en: 'Blackout', zh: '黑屏' },
  'override.blackoutHint': { en: 'all screens black', zh: '所有屏幕变黑' },
  'override.emergency': { en: 'Emergency message', zh: '紧急通知' },
  'override.emergencyHint': { en: 'on every screen', zh: '显示在所有屏幕' },
  'override.clear': { en: 'Clear', zh: '解除' },
  'override.blackoutActive': { en: 'Blackout on every screen', zh: '所有屏幕已黑屏' },
  'override.emergencyActive': {
    en: 'Emergency message on every screen',
    zh: '所有屏幕正在显示紧急通知',
  },
  'override.since': both(
    (time: string, by: string) => `since ${time} · ${by}`,
    (time: string, by: string) => `${time} 起 · ${by}`,
  ),
  'override.underneath': {
    en: 'Themes keep running underneath; clearing returns every screen to its theme.',
    zh: '主题在后台继续运行；解除后每块屏幕回到各自的主题。',
  },
  'emergency.title': { en: 'Emergency message', zh: '紧急通知' },
  'emergency.zh': { en: 'Chinese text', zh: '中文内容' },
  'emergency.en': { en: 'English text', zh: '英文内容' },
  'emergency.presets': { en: 'Ready-made messages', zh: '常用通知' },
  'emergency.media': { en: 'Image or video (optional)', zh: '图片或视频（可选）' },
  'emergency.noMedia': { en: 'No image or video', zh: '不显示图片或视频' },
  'emergency.pack': { en: 'From pack', zh: '来自内容包' },
  'emergency.file': { en: 'File', zh: '文件' },
  'emergency.pickFile': { en: 'Choose a file…', zh: '选择文件…' },
  'emergency.noFiles': { en: 'this pack has no images or videos', zh: '此内容包没有图片或视频' },
  'emergency.show': { en: 'Show on all screens', zh: '在所有屏幕显示' },
  'emergency.cancel': { en: 'Cancel', zh: '取消' },
  'emergency.needText': {
    en: 'Write the message in Chinese, English or both.',
    zh: '请填写中文或英文内容（或两者）。',
  },
  'emergency.preview': { en: 'Preview', zh: '预览' },
  'preset.evacuate.label': { en: 'Evacuate', zh: '疏散' },
  'preset.pause.label': { en: 'Short pause', zh: '暂停' },
  'preset.closing.label': { en: 'Closing', zh: '闭馆' },

  'keys.heading': { en: 'Themes', zh: '主题' },

  // zones and targets
  'target.label': { en: 'Keys switch', zh: '按键切换' },
  'target.hall': { en: 'Whole hall', zh: '整个展厅' },
  'target.only': both(
    (zone: string) => `only ${zone}`,
    (zone: string) => `仅 ${zone}`,
  ),
  'target.hint': {
    en: 'Z picks the next zone; 0 returns to the whole hall',
    zh: '按 Z 选择下一个区域；按 0 回到整个展厅',
  },
  'zone.none': { en: 'No zone', zh: '无区域' },

  // audit log actions of the hall controls
  'audit.hall.blackout': { en: 'Blackout', zh: '黑屏' },
  'audit.hall.emergency': { en: 'Emergency message raised', zh: '发布紧急通知' },
  'audit.hall.clear': { en: 'Blackout or emergency cleared', zh: '解除黑屏或紧急通知' },
  'audit.keys.assign': { en: 'Keys assigned', zh: '分配按键' },
  'audit.zone.save': { en: 'Zone saved', zh: '保存区域' },
  'audit.zone.delete': { en: 'Zone deleted', zh: '删除区域' },
  'audit.screen.update': { en: 'Screen changed', zh: '修改屏幕' },
  'audit.screen.identify': { en: 'Screen identified', zh: '识别屏幕' },
  'audit.screen.reload': { en: 'Screen reloaded', zh: '重新加载屏幕' },
  'audit.programme.save': { en: 'Programme saved', zh: '保存节目单' },
  'audit.programme.resume': { en: 'Programme resumed', zh: '恢复节目单' },

  // hall view
  'nav.view': { en: 'Hall view', zh: '展厅全景' },
  'view.title': { en: 'The hall at a glance', zh: '展厅全景' },
  'view.armed': { en: 'armed', zh: '已就绪' },
  'view.late': both(
    (ms: number) => `last change ${ms >= 0 ? '+' : ''}${ms} ms`,
    (ms: number) => `上次切换 ${ms >= 0 ? '+' : ''}${ms} 毫秒`,
  ),
  'view.uploadPlan': { en: 'Upload floor plan…', zh: '上传平面图…' },
  'view.gridPlan': { en: 'Use a grid', zh: '使用网格' },
  'view.dragHint': {
    en: 'Drag screens from below onto the plan; arrow keys move the focused screen.',
    zh: '把下方的屏幕拖到平面图上；方向键可移动选中的屏幕。',
  },
  'view.noneplaced': {
    en: 'No screen has been placed yet; an administrator can place them.',
    zh: '还没有放置屏幕；管理员可以放置。',
  },
  'view.unplaced': { en: 'Not placed yet', zh: '尚未放置' },
  'audit.hall.plan': { en: 'Hall plan changed', zh: '修改展厅平面图' },

  // pages
  'nav.screens': { en: 'Screens', zh: '屏幕' },
  'nav.setup': { en: 'Keys & zones', zh: '按键与区域' },
  'nav.programme': { en: 'Programme', zh: '节目单' },

  // programme
  'programme.title': { en: 'Weekly programme', zh: '每周节目单' },
  'programme.off': {
    en: 'The programme is off: the hall changes only when someone presses a key.',
    zh: '节目单已关闭：只有按键时展厅才会切换。',
  },
  'programme.timeZone': both(
    (zone: string) => `Runs in the controller's time zone: ${zone}`,
    (zone: string) => `按控制器所在时区运行：${zone}`,
  ),
  'programme.now': { en: 'Now', zh: '当前' },
  'programme.next': { en: 'Next', zh: '下一项' },
  'programme.nextAt': both(
    (when: string, what: string) => `${when} · ${what}`,
    (when: string, what: string) => `${when} · ${what}`,
  ),
  'programme.closed': { en: 'Closed', zh: '闭馆' },
  'programme.closedBlack': { en: 'Closed (screens black)', zh: '闭馆（屏幕黑屏）' },
  'programme.attract': { en: 'Attract loop', zh: '循环播放' },
  'programme.noAttract': { en: 'no attract theme', zh: '无循环主题' },
  'programme.overridden': {
    en: 'A manual press is holding the hall until the next scheduled change.',
    zh: '手动切换正在生效，直到下一次计划变更。',
  },
  'programme.resume': { en: 'Resume programme', zh: '恢复节目单' },
  'programme.enabled': { en: 'Run the programme', zh: '运行节目单' },
  'programme.whenClosed': { en: 'When closed', zh: '闭馆时' },
  'programme.whenClosedBlackout': { en: 'screens go black', zh: '屏幕黑屏' },
  'programme.whenClosedKeep': { en: 'screens stay as they are', zh: '屏幕保持不变' },
  'programme.attractTheme': { en: 'Attract loop theme', zh: '循环播放主题' },
  'programme.hours': { en: 'Opening hours', zh: '开放时间' },
  'programme.closedDay': { en: 'closed', zh: '闭馆' },
  'programme.open': { en: 'open', zh: '开放' },
  'programme.slots': { en: 'Themes at set times', zh: '定时主题' },
  'programme.addSlot': { en: 'Add a time', zh: '添加定时' },
  'programme.remove': { en: 'Remove', zh: '删除' },
  'programme.minutes': {
    en: 'minutes (empty: until the next change)',
    zh: '分钟（留空：直到下一次变更）',
  },
  'programme.save': { en: 'Save programme', zh: '保存节目单' },
  'programme.saved': {
    en: 'Saved; the hall follows it now.',
    zh: '已保存，展厅现在按节目单运行。',
  },
  'programme.week': { en: 'This week', zh: '本周' },
  'programme.theme': { en: 'Theme', zh: '主题' },
  'programme.at': { en: 'at', zh: '时间' },
  'programme.onDays': { en: 'on', zh: '日期' },

  // keys and zones page
  'setup.keysTitle': { en: 'Theme keys', zh: '主题按键' },
  'setup.keysHint': {
    en: 'Pick the keyboard key that fires each theme: 1–9 or F1–F12.',
    zh: '为每个主题选择键盘按键：1–9 或 F1–F12。',
  },
  'setup.noKey': { en: 'no key', zh: '无按键' },
  'setup.saveKeys': { en: 'Save keys', zh: '保存按键' },
  'setup.saved': { en: 'Saved.', zh: '已保存。' },
  'setup.duplicateKey': both(
    (key: string) => `Key ${key} is given to two themes; give each theme its own key.`,
    (key: string) => `按键 ${key} 被分配给两个主题；请为每个主题分配不同的按键。`,
  ),
  'setup.zonesTitle': { en: 'Zones', zh: '区域' },
  'setup.zonesHint': {
    en: 'A zone is a group of screens that can be switched on its own. Put screens in zones on the Screens page.',
    zh: '区域是一组可以单独切换的屏幕。在“屏幕”页面把屏幕分配到区域。',
  },
  'setup.newZone': { en: 'New zone name', zh: '新区域名称' },
  'setup.addZone': { en: 'Add zone', zh: '添加区域' },
  'setup.rename': { en: 'Rename', zh: '重命名' },
  'setup.delete': { en: 'Delete', zh: '删除' },
  'setup.confirmDelete': { en: 'Confirm delete', zh: '确认删除' },
  'setup.zoneScreens': both(
    (n: number) => (n === 1 ? '1 screen' : `${n} screens`),
    (n: number) => `${n} 块屏幕`,
  ),
  'setup.noZones': {
    en: 'No zones yet: every key switches the whole hall.',
    zh: '还没有区域：每个按键都切换整个展厅。',
  },

  // screens page
  'screensPage.title': { en: 'Screens', zh: '屏幕' },
  'screensPage.online': both(
    (online: number, total: number) => `${online} / ${total} online`,
    (online: number, total: number) => `${online} / ${total} 在线`,
  ),
  'screensPage.none': {
    en: 'No screens yet. Open /screen?screen=NAME on each display, or start the screen app.',
    zh: '还没有屏幕。在每个显示器上打开 /screen?screen=名称，或启动屏幕应用。',
  },
  'screensPage.name': { en: 'Name', zh: '名称' },
  'screensPage.device': both(
    (name: string) => `device name: ${name}`,
    (name: string) => `设备名称：${name}`,
  ),
  'screensPage.role': { en: 'Role', zh: '角色' },
  'screensPage.zone': { en: 'Zone', zh: '区域' },
  'screensPage.status': { en: 'Status', zh: '状态' },
  'screensPage.online1': { en: 'online', zh: '在线' },
  'screensPage.offline': { en: 'offline', zh: '离线' },
  'screensPage.waiting': { en: 'waiting for approval', zh: '等待批准' },
  'screensPage.revoked': { en: 'revoked', zh: '已撤销' },
  'screensPage.lastSeen': both(
    (when: string) => `last seen ${when}`,
    (when: string) => `最后在线 ${when}`,
  ),
  'screensPage.never': { en: 'never seen', zh: '从未在线' },
  'screensPage.app': { en: 'App', zh: '应用' },
  'screensPage.browser': { en: 'browser page', zh: '浏览器页面' },
  'screensPage.unknownApp': { en: 'unknown', zh: '未知' },
  'screensPage.cache': { en: 'Files', zh: '文件' },
  'screensPage.cacheState': both(
    (held: number, needed: number) => `${held} of ${needed} held`,
    (held: number, needed: number) => `已有 ${held} / ${needed}`,
  ),
  'screensPage.cacheFull': { en: 'all files held', zh: '文件齐全' },
  'screensPage.showing': both(
    (what: string) => `showing ${what}`,
    (what: string) => `正在显示 ${what}`,
  ),
  'screensPage.identify': { en: 'Identify', zh: '识别' },
  'screensPage.identified': {
    en: 'The name is on that screen for 8 seconds.',
    zh: '名称将在该屏幕上显示 8 秒。',
  },
  'screensPage.reload': { en: 'Reload', zh: '重新加载' },
  'screensPage.reloaded': { en: 'Reload sent.', zh: '已发送重新加载。' },
  'screensPage.screenshot': { en: 'Screenshot', zh: '截图' },
  'screensPage.save': { en: 'Save', zh: '保存' },
  'screensPage.saved': { en: 'Saved.', zh: '已保存。' },
  'screensPage.label': both(
    (name: string) => `name of ${name}`,
    (name: string) => `${name} 的名称`,
  ),
  'screensPage.actions': { en: 'Actions', zh: '操作' },
  'screensPage.closeShot': { en: 'Close', zh: '关闭' },
} as const;

export type HallCatalogue = typeof hallCatalogue;
