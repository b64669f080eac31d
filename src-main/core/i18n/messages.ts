import type { Locale } from '../../contract/roles';
import type { MessageTables } from './tables';
import { rosterMessages } from '../roster/messages';
import { incidentsMessages } from '../incidents/messages';
import { reportsMessages } from '../reports/messages';
import { materialsMessages } from '../materials/messages';
import { syncMessages } from '../sync/messages';
import { statsMessages } from '../stats/messages';
import { auditMessages } from '../audit/messages';
import { noticesMessages } from '../notices/messages';
import { zeroreportsMessages } from '../zeroreports/messages';
import { warningsMessages } from '../warnings/messages';
import { resourcesMessages } from '../resources/messages';

/**
 * Messages the main process sends back (errors and field messages): the foundation's table here,
 * each domain's in `core/<domain>/messages.ts` (plain data), joined once below so no two domains
 * edit the same table and nothing registers by side effect.
 */
type Table = Record<string, string>;

export function hasMessage(key: string): boolean {
  return key in tables.en;
}

export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const t = tables[locale][key] ?? tables.en[key] ?? key;
  return t.replace(/\{(\w+)\}/g, (_, p: string) => (p in params ? String(params[p]) : `{${p}}`));
}

const foundationMessages: MessageTables = {
  'zh-CN': {
    unknownMethod: '未知的接口方法：{method}',
    validation: '输入有误，请检查标出的字段。',
    unauthenticated: '请先登录（会话不存在或已过期）。',
    forbidden: '当前账号无权执行此操作。',
    forbiddenRole: '此操作需要以下角色之一：{roles}。',
    mustChangePassword: '请先修改初始密码。',
    notFound: '未找到{entity}。',
    staleVersion: '该记录已被他人修改，请刷新后重试。',
    constraint: '数据与现有记录冲突。',
    rateLimited: '请求过于频繁，请稍后再试。',
    internal: '系统内部错误（编号 {ref}），已记录日志。',
    payloadTooLarge: '请求过大（上限 {limit} 字节）。',
    badJson: '请求内容不是有效的 JSON。',
    'db.notSqlite': '文件不是 Watchroom 数据库：{file}',
    'db.cannotOpen': '无法打开数据库：{reason}',
    'db.corrupt': '数据库文件已损坏，已拒绝打开，未作任何修改。请从最近的备份恢复。',
    'db.newerThanCode': '数据库由更新版本的 Watchroom 创建（数据库版本 {dbVersion}，本程序 {codeVersion}），已拒绝打开且未作修改。请升级程序。',
    'db.full': '磁盘空间已满，本次操作未保存。现有数据可继续查阅。',
    'db.ioError': '存储读写失败，本次操作未保存，已有数据不受影响。请检查磁盘或存储设备后重试。',
    'idempotency.badKey': '请求的重试标识无效（应为 8–100 个可见字符）。',
    'idempotency.reused': '该重试标识已用于另一项操作，本次未保存。',
    'db.busy': '数据库正忙，请稍后重试。',
    'app.closed': '本站程序正在关闭，本次操作未执行。',
    'auth.alreadySetUp': '本站已完成初始化，不能再次设置。',
    'auth.badCredentials': '用户名或密码错误。',
    'auth.locked': '连续登录失败次数过多，账号已锁定至 {until}。',
    'auth.disabled': '该账号已停用。',
    'auth.wrongOldPassword': '原密码不正确。',
    'auth.samePassword': '新密码不能与原密码相同。',
    'users.usernameTaken': '用户名“{username}”已被使用。',
    'users.lastAdmin': '不能停用或移除最后一名可用的管理员。',
    'users.selfDisable': '不能停用自己的账号。',
    'backup.notFound': '未找到备份文件：{file}',
    'cli.noDatabase': '数据目录 {dir} 中没有数据库（{file}），未作任何操作。请检查 --data-dir 是否写错。',
    'backup.failed': '备份失败：{reason}',
    'station.notSetUp': '本站尚未初始化。',
    'auth.demoUnavailable': '此版本未包含演示数据，请不勾选“载入演示数据”后重试。',
    'field.adminCode': '行政区划代码应为 6、9 或 12 位数字（如 220502）。',
    'field.timeZone': '无法识别的时区（如 Asia/Shanghai）。',
    'field.date': '请填写有效日期，格式为 YYYY-MM-DD（如 2026-12-02）。',
    'field.month': '请填写有效月份，格式为 YYYY-MM（如 2026-12）。',
    'field.username': '登录名只能包含字母、数字、点、下划线和连字符。',
    'field.duplicateRoles': '角色不能重复。',
  },
  en: {
    unknownMethod: 'Unknown method: {method}',
    validation: 'Some fields are not valid; see the marked fields.',
    unauthenticated: 'Please sign in (no session, or it has expired).',
    forbidden: 'Your account may not do this.',
    forbiddenRole: 'This needs one of these roles: {roles}.',
    mustChangePassword: 'Please change your initial password first.',
    notFound: '{entity} not found.',
    staleVersion: 'Someone else changed this record; reload and try again.',
    constraint: 'This conflicts with an existing record.',
    rateLimited: 'Too many requests; try again shortly.',
    internal: 'Internal error (ref {ref}); it has been logged.',
    payloadTooLarge: 'Request too large (limit {limit} bytes).',
    badJson: 'The request body is not valid JSON.',
    'db.notSqlite': 'Not a Watchroom database: {file}',
    'db.cannotOpen': 'Cannot open the database: {reason}',
    'db.corrupt': 'The database file is damaged; it was refused and left untouched. Restore the latest backup.',
    'db.newerThanCode': 'This database was written by a newer Watchroom (database version {dbVersion}, this program {codeVersion}); it was refused and left untouched. Please upgrade.',
    'db.full': 'The disk is full; this change was not saved. Existing data can still be read.',
    'db.busy': 'The database is busy; try again.',
    'app.closed': 'The station is shutting down; nothing was done.',
    'db.ioError': 'Storage failed to read or write; nothing was saved and existing data is unaffected. Check the disk or drive and try again.',
    'idempotency.badKey': 'The request’s retry key is invalid (8–100 printable characters).',
    'idempotency.reused': 'This retry key was already used for a different operation; nothing was saved.',
    'auth.alreadySetUp': 'This station is already set up.',
    'auth.badCredentials': 'Wrong user name or password.',
    'auth.locked': 'Too many failed sign-ins; the account is locked until {until}.',
    'auth.disabled': 'This account is disabled.',
    'auth.wrongOldPassword': 'The current password is wrong.',
    'auth.samePassword': 'The new password must differ from the current one.',
    'users.usernameTaken': 'User name "{username}" is taken.',
    'users.lastAdmin': 'The last active administrator cannot be disabled or lose the admin role.',
    'users.selfDisable': 'You cannot disable your own account.',
    'backup.notFound': 'Backup not found: {file}',
    'cli.noDatabase': 'There is no database ({file}) in the data folder {dir}; nothing was done. Check --data-dir for a typo.',
    'backup.failed': 'Backup failed: {reason}',
    'station.notSetUp': 'This station is not set up yet.',
    'auth.demoUnavailable': 'This build has no demo data; set up again without "load demo data".',
    'field.adminCode': 'The administrative code has 6, 9 or 12 digits (e.g. 220502).',
    'field.timeZone': 'Unknown time zone (e.g. Asia/Shanghai).',
    'field.date': 'Enter a valid date as YYYY-MM-DD (e.g. 2026-12-02).',
    'field.month': 'Enter a valid month as YYYY-MM (e.g. 2026-12).',
    'field.username': 'User names may contain letters, digits, dot, underscore and hyphen only.',
    'field.duplicateRoles': 'Each role only once.',
  },
};

function join(parts: readonly MessageTables[]): Record<Locale, Table> {
  const out: Record<Locale, Table> = { 'zh-CN': {}, en: {} };
  for (const p of parts) {
    for (const k of Object.keys(p['zh-CN'])) if (!(k in p.en)) throw new Error(`message ${k} has no English text`);
    for (const k of Object.keys(p.en)) if (!(k in p['zh-CN'])) throw new Error(`message ${k} has no Chinese text`);
    for (const k of Object.keys(p.en)) if (k in out.en) throw new Error(`message ${k} is defined twice`);
    Object.assign(out['zh-CN'], p['zh-CN']);
    Object.assign(out.en, p.en);
  }
  return out;
}

/** Every message table; a domain adds its own here (one line). */
const tables = join([foundationMessages, rosterMessages, incidentsMessages, reportsMessages, materialsMessages, syncMessages, statsMessages, auditMessages, noticesMessages, zeroreportsMessages, warningsMessages, resourcesMessages]);
