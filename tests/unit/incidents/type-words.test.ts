import { describe, expect, it } from 'vitest';
import { CLASSES, taxonomyOf } from '../../../src-main/core/incidents/taxonomy';
import { pickMatches, typeOptions } from '../../../src-renderer/src/features/incidents/pick';

// Standards §4 (the four classes and their types): the intake form's type field finds a class and
// type from a word of the event a caller uses, not only from the code or the official name.
const options = typeOptions(CLASSES, 'zh-CN');
const found = (text: string) => pickMatches(options, text).map((o) => o.value);

describe('standards §4: intake finds the event type from a word', () => {
  it('滑坡 → 14 地质灾害 (自然灾害); 泥石流 and 台风 likewise', () => {
    expect(found('滑坡')).toEqual(['14']);
    expect(pickMatches(options, '滑坡')[0].label).toBe('14 地质灾害（自然灾害）');
    expect(found('泥石流')).toEqual(['14']);
    expect(found('台风')).toEqual(['12']);
  });
  it('火灾 finds both the forest and grassland fire and the workplace fire, never nothing', () => {
    expect(found('火灾')).toEqual(expect.arrayContaining(['17', '21']));
    expect(found('车祸')).toEqual(['22']);
    expect(found('食物中毒')).toEqual(['33']);
  });
  it('the code typed on the keyboard still wins first (the intake flow types 21 and Tab)', () => {
    expect(found('21')[0]).toBe('21');
    expect(found('14')[0]).toBe('14');
  });
  it('a word that names no type finds nothing (the picker then says so)', () => {
    expect(found('阿巴阿巴')).toEqual([]);
  });
  it('every type of every class carries its words through the taxonomy the screen reads', () => {
    const tax = taxonomyOf({} as never);
    for (const c of tax.classes) for (const t of c.types) expect(t.words?.length, `${t.code} ${t.name}`).toBeGreaterThan(0);
  });
  it('English names match in the English screen', () => {
    expect(pickMatches(typeOptions(CLASSES, 'en'), 'earthquake').map((o) => o.value)).toEqual(['13']);
  });
});
