import { useEffect, useState } from 'react';
import { formatClock } from '../ui/format';

/** The live clock in the station's zone (what the duty log is written in). */
export function Clock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const c = formatClock(now, timeZone);
  return (
    <div className="clock" data-testid="clock" title={timeZone}>
      <span className="clock-time">{c.time}</span>
      <span className="clock-date">{c.date}</span>
    </div>
  );
}
