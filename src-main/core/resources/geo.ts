/** Great-circle distance in km between two WGS-84 points (haversine, mean Earth radius 6371.0088 km). */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Point {
  lat?: number | null;
  lng?: number | null;
  townshipCode?: string | null;
}

export interface Placed {
  lat: number | null;
  lng: number | null;
  townshipCode: string | null;
}

/**
 * The order of suggestions: where the incident has coordinates, every place with coordinates by
 * distance, then places without coordinates in the incident's township; without coordinates, the
 * places in its township (by name). Places neither near by coordinates nor in the township are left
 * out — a duty operator needs the few to call, not the directory.
 */
export function rankNearest<T extends Placed & { name: string }>(point: Point, items: readonly T[], limit: number): (T & { distanceKm: number | null; sameTownship: boolean })[] {
  const hasPoint = point.lat != null && point.lng != null;
  const scored = items.map((it) => ({
    ...it,
    distanceKm: hasPoint && it.lat != null && it.lng != null ? Math.round(haversineKm(point.lat!, point.lng!, it.lat, it.lng) * 100) / 100 : null,
    sameTownship: !!point.townshipCode && it.townshipCode === point.townshipCode,
  }));
  const near = scored.filter((s) => s.distanceKm !== null).sort((a, b) => a.distanceKm! - b.distanceKm! || a.name.localeCompare(b.name, 'zh-CN'));
  const town = scored.filter((s) => s.distanceKm === null && s.sameTownship).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return [...near, ...town].slice(0, limit);
}
