// The legend: each threat's colour and pattern with its name, and the three other states.
import { t, lang } from './i18n.js';
import { swatch, h } from './list.js';

const THREATS = ['air_raid', 'artillery', 'urban_fights', 'chemical', 'nuclear', 'info'];

export function legend(ul) {
  const label = threat => lang() === 'uk'
    ? { air_raid: 'Повітряна тривога', artillery: 'Артобстріл', urban_fights: 'Вуличні бої', chemical: 'Хімічна загроза', nuclear: 'Радіаційна загроза', info: 'Інформація' }[threat]
    : { air_raid: 'Air raid', artillery: 'Artillery', urban_fights: 'Street fighting', chemical: 'Chemical', nuclear: 'Radiation', info: 'Information' }[threat];
  ul.replaceChildren(
    ...THREATS.map(threat => h('li', {}, swatch({ state: 'alert', threat, stage: 'alert' }), document.createTextNode(label(threat)))),
    h('li', {}, swatch({ state: 'alert', threat: 'air_raid', stage: 'pre_alert' }), document.createTextNode(t('stagePre'))),
    h('li', {}, swatch({ state: 'partial' }), document.createTextNode(t('partial'))),
    h('li', {}, swatch({ state: 'calm' }), document.createTextNode(t('calm'))),
    h('li', {}, swatch({ state: 'unknown' }), document.createTextNode(t('unknown'))));
}
