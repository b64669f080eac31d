import { stmt } from '../db/stmt';
import type { NearbySource } from '../board/types';

/*
 * Warehouses as places that can help at an incident (the incident detail's nearest resources).
 * A warehouse is placed by its township (a village's warehouse by the village's township); it has
 * no coordinates and no phone of its own — its keepers are the contact.
 */
interface Row {
  id: string;
  name: string;
  tier: string;
  address: string;
  township_code: string | null;
  keepers: string | null;
}

const TIER = { 'zh-CN': { district: '区级库', township: '乡镇库', village: '村级点' }, en: { district: 'district store', township: 'township store', village: 'village point' } } as const;

export const materialsNearby: NearbySource = {
  id: 'materials.warehouses',
  collect(db, locale) {
    const rows = stmt(
      db,
      `SELECT w.id, w.name, w.tier, w.address,
              CASE WHEN p.level = 'village' THEN p.parent_code ELSE p.code END AS township_code,
              (SELECT group_concat(u.display_name, '、') FROM mat_keepers k JOIN users u ON u.id = k.user_id
                WHERE k.warehouse_id = w.id AND k.revoked_at IS NULL) AS keepers
         FROM mat_warehouses w LEFT JOIN places p ON p.code = w.place_code
        WHERE w.retired_at IS NULL`,
    ).all() as Row[];
    const tier = TIER[locale] as Record<string, string>;
    return rows.map((r) => ({
      kind: 'warehouse' as const,
      id: r.id,
      name: r.name,
      contact: r.keepers,
      phone: null,
      detail: [tier[r.tier] ?? r.tier, r.address].filter(Boolean).join(' · '),
      townshipCode: r.township_code,
      lat: null,
      lng: null,
    }));
  },
};
