// The console's words, Ukrainian and English; the language is the public pages' (i18n.js), so one choice serves both.
import { lang } from './i18n.js';

const plural = (n, one, few, many) => {
  const d = n % 10, h = n % 100;
  if (d === 1 && h !== 11) return one;
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
  return many;
};

const WORDS = {
  uk: {
    console: 'Пульт оператора', skipToWork: 'До роботи', sections: 'Розділи пульта',
    signIn: 'Вхід', tokenLabel: 'Токен оператора', signInButton: 'Увійти', signOut: 'Вийти',
    tokenHint: 'Токен потрібен лише для входу; пульт його не зберігає.',
    sessionEnded: 'Сесія завершилася. Увійдіть знову з токеном.', signInFailed: 'Не вдалося увійти: ',
    signedInAs: (name, role, scope) => `${name} · ${role} · зона: ${scope}`, everywhere: 'уся Україна',
    modeLabel: 'Режим', modeActual: 'РЕАЛЬНІ ТРИВОГИ', modeExercise: 'НАВЧАННЯ',
    toExercise: 'Перейти до навчання', toActual: 'Завершити навчання',
    toExerciseTitle: 'Перейти в режим навчання?',
    toExerciseText: 'У режимі навчання пульт створює лише навчальні тривоги: публіка їх не бачить.',
    toActualTitle: 'Повернутися до реальних тривог?',
    toActualText: 'У цьому режимі кожна оголошена тривога одразу надходить людям.',
    toExerciseConfirm: 'Так, режим навчання', toActualConfirm: 'Так, реальні тривоги', cancel: 'Скасувати',
    exerciseBannerNote: 'тільки навчальні тривоги: публіка їх не бачить',
    tabDeclare: 'Оголосити', tabActive: 'Активні', tabApprovals: 'Схвалення', tabAdmin: 'Адміністрування',
    declareTitle: 'Оголосити тривогу', regionsLegend: 'Регіони', regionSearch: 'Знайти регіон або населений пункт',
    search: 'Знайти', noResults: 'Нічого не знайдено', outOfScope: 'поза вашою зоною', add: 'Додати',
    remove: name => `Прибрати ${name}`, chosen: 'Обрано', noneChosen: 'Регіони ще не обрано',
    wholeCountry: 'Уся Україна', mapOpen: 'Показати на мапі', mapLevel: 'обирати', levelHromada: 'громади',
    levelRaion: 'райони', pickMapLabel: 'Мапа для вибору регіонів (також доступний пошук)',
    threatLegend: 'Загроза', threat: 'Загроза', subtype: 'Засіб', stage: 'Стадія', stageAlert: 'Тривога',
    stagePreAlert: 'Попередження', expiry: 'Завершити автоматично', expiryNone: 'ні',
    textsLegend: 'Тексти (стандартні, можна змінити)', headlineUk: 'Заголовок українською',
    headlineEn: 'Заголовок англійською', instructionUk: 'Що робити — українською',
    instructionEn: 'Що робити — англійською', textsReset: 'Повернути стандартні тексти',
    toPreview: 'Переглянути перед оголошенням', previewTitle: 'Перегляд: так побачать люди',
    backToEdit: 'Повернутися до змін', needRegions: 'Оберіть хоча б один регіон.',
    reachesPublic: 'Це одразу отримають люди в цих регіонах.',
    exerciseOnly: 'Навчання: публіка цього не побачить.',
    waitsForApproval: 'Потрібне схвалення другого оператора: до того тривога не оголошується.',
    hromadas: n => `${n} ${plural(n, 'громада', 'громади', 'громад')}`,
    oblasts: n => `${n} ${plural(n, 'область', 'області', 'областей')}`,
    messageIn: l => l === 'uk' ? 'Повідомлення українською' : 'Повідомлення англійською',
    confirmReal: 'Я підтверджую: це реальна тривога', typeToConfirm: name => `Введіть «${name}», щоб підтвердити`,
    issueActual: 'Оголосити тривогу', issueExercise: 'Почати навчальну тривогу',
    requestApproval: 'Надіслати на схвалення', issued: 'Оголошено', sentForApproval: 'Надіслано на схвалення; чекає другого оператора',
    activeTitle: 'Активні тривоги у вашій зоні', activeNone: 'Немає активних тривог у вашій зоні.',
    sinceFor: (t, d) => `з ${t} (${d})`, falseAlarm: 'Хибна тривога: відкликати', allClear: 'Відбій',
    change: 'Змінити', falseAlarmPreview: 'Усім, хто отримав цю тривогу, одразу надійде: «Хибна тривога — відкликано».',
    allClearPreview: 'Усім, хто отримав цю тривогу, надійде відбій.',
    confirmFalseAlarm: 'Відкликати як хибну', confirmAllClear: 'Оголосити відбій', confirmChange: 'Застосувати зміни',
    close: 'Закрити', retracted: 'Відкликано як хибну тривогу', ended: 'Відбій оголошено', updated: 'Змінено',
    changePreview: 'Після зміни:', regions: 'Регіони',
    approvalsTitle: 'Запити на схвалення', approvalsNone: 'Немає запитів.', reviewsTitle: 'Запити на перевірку',
    reviewsNone: 'Немає запитів на перевірку.', requestedBy: (who, t) => `запит від ${who}, ${t}`,
    review: 'Переглянути', approve: 'Схвалити й оголосити', ownRequest: 'Це ваш запит: схвалити його має інший оператор.',
    approved: 'Схвалено й оголошено', newApproval: 'Новий запит на схвалення', kindUpdate: 'зміна тривоги',
    reviewText: (op, n) => `Тривоги оператора ${op} вже охоплюють ${n}`, expiresAt: t => `діє до ${t}`,
    adminTitle: 'Адміністрування', tokensTitle: 'Токени', tokenName: 'Назва', tokenRole: 'Роль', tokenScope: 'Зона',
    tokenState: 'Стан', actions: 'Дії', createToken: 'Створити токен', revoke: 'Відкликати',
    revokeConfirm: name => `Відкликати токен «${name}»? Його сесії завершаться.`, revoked: 'відкликано', active: 'діє',
    secretOnce: 'Секрет показано один раз. Скопіюйте його зараз: його ніде не збережено.', dismiss: 'Я зберіг секрет',
    auditTitle: 'Журнал подій', auditVerify: 'Перевірити ланцюжок', auditTime: 'Час', auditType: 'Подія',
    auditActor: 'Хто', auditAlert: 'Тривога', auditOk: (n, t) => `Ланцюжок цілий: ${n} подій перевірено (${t})`,
    auditBroken: (seq, t) => `ЛАНЦЮЖОК ПОРУШЕНО з seq ${seq} (${t})`, auditChecking: 'Перевірка…',
    live: 'наживо', lost: 'немає зв’язку — перепідключення…', connecting: 'з’єднання…',
    error: 'Помилка: ', requestFailed: 'Не вдалося: ',
  },
  en: {
    console: 'Operator console', skipToWork: 'Skip to work', sections: 'Console sections',
    signIn: 'Sign in', tokenLabel: 'Operator token', signInButton: 'Sign in', signOut: 'Sign out',
    tokenHint: 'The token is needed only to sign in; the console does not keep it.',
    sessionEnded: 'Your session has ended. Sign in again with your token.', signInFailed: 'Could not sign in: ',
    signedInAs: (name, role, scope) => `${name} · ${role} · scope: ${scope}`, everywhere: 'all of Ukraine',
    modeLabel: 'Mode', modeActual: 'ACTUAL ALERTS', modeExercise: 'EXERCISE',
    toExercise: 'Switch to exercise', toActual: 'End the exercise',
    toExerciseTitle: 'Switch to exercise mode?',
    toExerciseText: 'In exercise mode the console makes exercise alerts only: the public does not see them.',
    toActualTitle: 'Return to actual alerts?',
    toActualText: 'In this mode every alert you declare reaches the public immediately.',
    toExerciseConfirm: 'Yes, exercise mode', toActualConfirm: 'Yes, actual alerts', cancel: 'Cancel',
    exerciseBannerNote: 'exercise alerts only: the public does not see them',
    tabDeclare: 'Declare', tabActive: 'Active', tabApprovals: 'Approvals', tabAdmin: 'Administration',
    declareTitle: 'Declare an alert', regionsLegend: 'Regions', regionSearch: 'Find a region or settlement',
    search: 'Search', noResults: 'Nothing found', outOfScope: 'outside your scope', add: 'Add',
    remove: name => `Remove ${name}`, chosen: 'Chosen', noneChosen: 'No region chosen yet',
    wholeCountry: 'All of Ukraine', mapOpen: 'Show on the map', mapLevel: 'choose', levelHromada: 'hromadas',
    levelRaion: 'raions', pickMapLabel: 'Map to choose regions (search works too)',
    threatLegend: 'Threat', threat: 'Threat', subtype: 'Weapon', stage: 'Stage', stageAlert: 'Alert',
    stagePreAlert: 'Warning', expiry: 'End automatically', expiryNone: 'no',
    textsLegend: 'Texts (standard, editable)', headlineUk: 'Headline in Ukrainian', headlineEn: 'Headline in English',
    instructionUk: 'What to do — in Ukrainian', instructionEn: 'What to do — in English',
    textsReset: 'Back to the standard texts', toPreview: 'Preview before declaring',
    previewTitle: 'Preview: what people will see', backToEdit: 'Back to editing',
    needRegions: 'Choose at least one region.', reachesPublic: 'This reaches the public in these regions immediately.',
    exerciseOnly: 'Exercise: the public will not see this.',
    waitsForApproval: 'A second operator must approve this: until then nothing is declared.',
    hromadas: n => `${n} ${n === 1 ? 'hromada' : 'hromadas'}`, oblasts: n => `${n} ${n === 1 ? 'oblast' : 'oblasts'}`,
    messageIn: l => l === 'uk' ? 'Message in Ukrainian' : 'Message in English',
    confirmReal: 'I confirm: this is a real alert', typeToConfirm: name => `Type “${name}” to confirm`,
    issueActual: 'Declare the alert', issueExercise: 'Start the exercise alert',
    requestApproval: 'Send for approval', issued: 'Declared', sentForApproval: 'Sent for approval; waiting for a second operator',
    activeTitle: 'Active alerts in your scope', activeNone: 'No active alerts in your scope.',
    sinceFor: (t, d) => `since ${t} (${d})`, falseAlarm: 'False alarm: retract', allClear: 'All clear',
    change: 'Change', falseAlarmPreview: 'Everyone who got this alert is told at once: “False alarm — retracted”.',
    allClearPreview: 'Everyone who got this alert gets the all-clear.',
    confirmFalseAlarm: 'Retract as false alarm', confirmAllClear: 'Declare all clear', confirmChange: 'Apply the change',
    close: 'Close', retracted: 'Retracted as a false alarm', ended: 'All clear declared', updated: 'Changed',
    changePreview: 'After the change:', regions: 'Regions',
    approvalsTitle: 'Approval requests', approvalsNone: 'No requests.', reviewsTitle: 'Review requests',
    reviewsNone: 'No review requests.', requestedBy: (who, t) => `requested by ${who}, ${t}`,
    review: 'Review', approve: 'Approve and declare', ownRequest: 'This is your request: another operator must approve it.',
    approved: 'Approved and declared', newApproval: 'New approval request', kindUpdate: 'change of an alert',
    reviewText: (op, n) => `Operator ${op}'s alerts now cover ${n}`, expiresAt: t => `open until ${t}`,
    adminTitle: 'Administration', tokensTitle: 'Tokens', tokenName: 'Name', tokenRole: 'Role', tokenScope: 'Scope',
    tokenState: 'State', actions: 'Actions', createToken: 'Create token', revoke: 'Revoke',
    revokeConfirm: name => `Revoke the token “${name}”? Its sessions end.`, revoked: 'revoked', active: 'active',
    secretOnce: 'The secret is shown once. Copy it now: it is not stored anywhere.', dismiss: 'I have saved the secret',
    auditTitle: 'Event log', auditVerify: 'Verify the chain', auditTime: 'Time', auditType: 'Event',
    auditActor: 'Who', auditAlert: 'Alert', auditOk: (n, t) => `Chain intact: ${n} events verified (${t})`,
    auditBroken: (seq, t) => `CHAIN BROKEN from seq ${seq} (${t})`, auditChecking: 'Verifying…',
    live: 'live', lost: 'connection lost — reconnecting…', connecting: 'connecting…',
    error: 'Error: ', requestFailed: 'Failed: ',
  },
};

export function w(key, ...args) {
  const v = WORDS[lang()][key];
  return typeof v === 'function' ? v(...args) : v;
}

/** Elements with data-t get their words; data-t-label their aria-label. */
export function applyWords(root = document) {
  root.querySelectorAll('[data-t]').forEach(e => { e.textContent = w(e.dataset.t); });
  root.querySelectorAll('[data-t-label]').forEach(e => e.setAttribute('aria-label', w(e.dataset.tLabel)));
  document.documentElement.lang = lang();
}

/** A new element with text and attributes; the console builds its DOM with this, never with innerHTML. */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}
