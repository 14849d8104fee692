// Words and times for people: Ukrainian or English, Kyiv local time, durations in hours and minutes.
// The language comes from the choice remembered in localStorage, else from the page's lang, which the server
// set from the browser's Accept-Language.

const KEY = 'tocsin.lang';
const ZONE = 'Europe/Kyiv';

const WORDS = {
  uk: {
    title: 'Тривоги в Україні', loading: 'Завантаження…', live: 'наживо', connecting: 'з\u2019єднання…',
    lostSince: t => `немає зв\u2019язку з ${t} — показано останній відомий стан, перепідключення…`,
    neverLoaded: 'не вдається отримати дані — повторна спроба…',
    unknownState: 'Стан невідомий', lastKnown: 'останній відомий стан',
    alertCount: n => `${n} ${plural(n, 'активна тривога', 'активні тривоги', 'активних тривог')}`,
    noneActive: 'Активних тривог немає (підтверджено)',
    since: t => `з ${t}`, lasting: d => `триває ${d}`, lasted: d => `тривала ${d}`,
    hours: 'год', minutes: 'хв', lessThanMinute: 'менше хвилини',
    alert: 'ТРИВОГА', allClear: 'Відбій', partly: 'Тривога в частині регіону',
    exercise: 'НАВЧАННЯ', test: 'ТЕСТ',
    myPlace: 'Моє місце', searchLabel: 'Населений пункт, громада, район або область',
    searchButton: 'Знайти', useLocation: 'Моє місцезнаходження', locating: 'Визначаємо місце…',
    locationFailed: 'Не вдалося визначити місце', notInUkraine: 'Це місце поза Україною',
    noResults: 'Нічого не знайдено', forget: 'Забути', share: 'Посилання на це місце',
    sound: 'Звук сирени, коли змінюється стан', notify: 'Сповіщення, коли змінюється стан',
    choosePlace: 'Оберіть своє місце, щоб бачити його стан першим.',
    map: 'Мапа тривог', mapLabel: 'Мапа України: області під тривогою виділено; текстовий перелік нижче',
    legend: 'Легенда', stagePre: 'Попередження (підготуйтеся)', calm: 'Спокійно', unknown: 'Невідомо', partial: 'Частково під тривогою',
    showOblast: 'Показати область', wholeCountry: 'Уся Україна', back: 'До всієї України',
    activeAlerts: 'Активні тривоги', regionStates: 'Стан усіх областей',
    regionPage: 'Сторінка регіону', alertPage: 'Сторінка тривоги', instruction: 'Що робити',
    covers: 'Діє тут', coveredBy: 'через', inParts: 'Тривоги в частинах',
    chain: 'Входить до', week: 'Останні 7 днів', month: 'Цього місяця', record: 'Увесь запис', national: 'Усі області', shelter: s => `Час до укриття: ${s} с`,
    monthStats: (n, h) => `${n} ${plural(n, 'тривога', 'тривоги', 'тривог')}, ${h} під тривогою`,
    noHistory: 'За цей час тривог не було', history: 'Історія змін', regions: 'Регіони',
    issued: 'Оголошено', updated: 'Оновлено', ended: 'Завершено', endedReason: { all_clear: 'відбій', false_alarm: 'хибна тривога', expired: 'строк минув' },
    notFound: 'Не знайдено', home: 'Мапа', language: 'Мова', switchTo: 'English',
    openRegion: 'Сторінка регіону', more: 'докладніше',
    kinds: { oblast: 'область', raion: 'район', hromada: 'громада', country: 'країна' },
  },
  en: {
    title: 'Alerts in Ukraine', loading: 'Loading…', live: 'live', connecting: 'connecting…',
    lostSince: t => `connection lost since ${t} — showing the last known state, reconnecting…`,
    neverLoaded: 'cannot get the data — retrying…',
    unknownState: 'Status unknown', lastKnown: 'last known state',
    alertCount: n => `${n} active ${n === 1 ? 'alert' : 'alerts'}`,
    noneActive: 'No active alerts (confirmed)',
    since: t => `since ${t}`, lasting: d => `for ${d}`, lasted: d => `lasted ${d}`,
    hours: 'h', minutes: 'min', lessThanMinute: 'under a minute',
    alert: 'ALERT', allClear: 'All clear', partly: 'Alert in part of this region',
    exercise: 'EXERCISE', test: 'TEST',
    myPlace: 'My place', searchLabel: 'Settlement, hromada, raion or oblast',
    searchButton: 'Search', useLocation: 'Use my location', locating: 'Finding your place…',
    locationFailed: 'Could not find your place', notInUkraine: 'That place is outside Ukraine',
    noResults: 'Nothing found', forget: 'Forget', share: 'Link to this place',
    sound: 'Siren sound when the status changes', notify: 'Notification when the status changes',
    choosePlace: 'Choose your place to see its status first.',
    map: 'Alert map', mapLabel: 'Map of Ukraine: regions under alert are marked; the text list follows',
    legend: 'Legend', stagePre: 'Warning (get ready)', calm: 'Calm', unknown: 'Unknown', partial: 'Partly under alert',
    showOblast: 'Show oblast', wholeCountry: 'All of Ukraine', back: 'Back to all of Ukraine',
    activeAlerts: 'Active alerts', regionStates: 'Status of every oblast',
    regionPage: 'Region page', alertPage: 'Alert page', instruction: 'What to do',
    covers: 'In force here', coveredBy: 'via', inParts: 'Alerts in its parts',
    chain: 'Part of', week: 'Last 7 days', month: 'This month', record: 'The whole record', national: 'All oblasts', shelter: s => `Time to shelter: ${s} s`,
    monthStats: (n, h) => `${n} ${n === 1 ? 'alert' : 'alerts'}, ${h} under alert`,
    noHistory: 'No alerts in this period', history: 'History of changes', regions: 'Regions',
    issued: 'Issued', updated: 'Updated', ended: 'Ended', endedReason: { all_clear: 'all clear', false_alarm: 'false alarm', expired: 'expired' },
    notFound: 'Not found', home: 'Map', language: 'Language', switchTo: 'Українська',
    openRegion: 'Region page', more: 'details',
    kinds: { oblast: 'oblast', raion: 'raion', hromada: 'hromada', country: 'country' },
  },
};

// Short names of threats, subtypes and stages, as the standard texts (domain/StandardTexts) word them.
const THREATS = {
  air_raid: ['Повітряна тривога', 'Air raid alert'],
  artillery: ['Загроза артобстрілу', 'Artillery shelling threat'],
  urban_fights: ['Загроза вуличних боїв', 'Street fighting threat'],
  chemical: ['Хімічна загроза', 'Chemical threat'],
  nuclear: ['Радіаційна загроза', 'Radiation threat'],
  info: ['Інформаційне повідомлення', 'Information message'],
};
const SUBTYPES = {
  drones: ['ударні БпЛА', 'attack drones'],
  cruise_missile: ['крилаті ракети', 'cruise missiles'],
  ballistic_missile: ['балістичне озброєння', 'ballistic missiles'],
  aviation: ['авіаційні засоби ураження', 'air strikes'],
};
const STAGES = { pre_alert: ['Попередження', 'Warning'], alert: ['Тривога', 'Alert'] };

function plural(n, one, few, many) {
  const d = n % 10, h = n % 100;
  if (d === 1 && h !== 11) return one;
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
  return many;
}

export function lang() {
  const stored = localStorage.getItem(KEY);
  if (stored === 'uk' || stored === 'en') return stored;
  return document.documentElement.lang === 'en' ? 'en' : 'uk';
}

export function setLang(l) {
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}

export function t(key, ...args) {
  const w = WORDS[lang()][key];
  return typeof w === 'function' ? w(...args) : w;
}

const pick = pair => pair ? pair[lang() === 'en' ? 1 : 0] : '';

/** "Повітряна тривога · балістичне озброєння" — threat and subtype in the chosen language. */
export function threatLabel(a) {
  const sub = SUBTYPES[a.subtype];
  return pick(THREATS[a.threat]) + (sub ? ' · ' + pick(sub) : '');
}

export const stageLabel = a => pick(STAGES[a.stage]);

/** A localized text object ({uk, en}): the chosen language, else the other. */
export function text(obj) {
  if (!obj) return '';
  return lang() === 'en' ? (obj.en || obj.uk || '') : (obj.uk || obj.en || '');
}

export const regionName = r => r ? text(r.name) : '';

const timeFormats = {};
function fmt(kind) {
  const key = lang() + kind;
  if (!timeFormats[key]) {
    const opts = { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    if (kind === 'day') Object.assign(opts, { day: 'numeric', month: 'short' });
    if (kind === 'date') Object.assign(opts, { weekday: 'short', day: 'numeric', month: 'short', hour: undefined, minute: undefined, hourCycle: undefined });
    timeFormats[key] = new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'uk-UA', opts);
  }
  return timeFormats[key];
}

/** Kyiv wall-clock time: "21:14" today, "3 груд., 21:14" on another day. */
export function kyivTime(iso, now = new Date()) {
  const d = new Date(iso);
  const sameDay = kyivDate(d) === kyivDate(now);
  return fmt(sameDay ? 'time' : 'day').format(d);
}

export const kyivDay = d => fmt('date').format(d);

/** The Kyiv calendar date of a moment, as YYYY-MM-DD. */
export function kyivDate(d) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(d);
  const get = type => parts.find(p => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The offset of Kyiv from UTC at a moment, in minutes (120 in winter, 180 in summer). */
export function kyivOffset(d) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' }).formatToParts(d);
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(parts.find(p => p.type === 'timeZoneName').value);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0)) : 0;
}

/** Midnight in Kyiv of the day holding d, as a Date. */
export function kyivMidnight(d) {
  const [y, mo, da] = kyivDate(d).split('-').map(Number);
  const guess = Date.UTC(y, mo - 1, da) - kyivOffset(d) * 60000;
  return new Date(Date.UTC(y, mo - 1, da) - kyivOffset(new Date(guess)) * 60000);
}

/** "1 год 12 хв" / "1 h 12 min". */
export function duration(ms) {
  const minutes = Math.floor(Math.max(0, ms) / 60000);
  if (minutes < 1) return t('lessThanMinute');
  const h = Math.floor(minutes / 60), m = minutes % 60;
  return [h ? `${h} ${t('hours')}` : '', m ? `${m} ${t('minutes')}` : ''].filter(Boolean).join(' ');
}

/** Severity for ordering: the most dangerous first. */
export function severity(a) {
  const threat = { nuclear: 90, chemical: 80, air_raid: 50, urban_fights: 45, artillery: 40, info: 10 }[a.threat] || 0;
  const sub = a.subtype === 'ballistic_missile' ? 5 : 0;
  return threat + sub + (a.stage === 'alert' ? 100 : 0);
}
