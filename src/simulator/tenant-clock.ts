// The simulated tenant's date (GET/PUT /_sim/clock): a whole number of days away from the real
// date, so a demo or a test can move the tenant through time while the hours still pass.
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function isDay(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    DATE.test(value) &&
    Number.isFinite(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
  );
}

export class TenantClock {
  private offsetDays = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  /** Now in the tenant: the real time of day on the tenant's date. */
  now(): Date {
    return new Date(this.realNow() + this.offsetDays * DAY_MS);
  }

  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** Days the tenant has been moved from the real date (fixture dates shift by as many). */
  get shiftDays(): number {
    return this.offsetDays;
  }

  set(today: string): void {
    if (!isDay(today)) throw new Error(`'${today}' is not a date (YYYY-MM-DD).`);
    const real = new Date(this.realNow()).toISOString().slice(0, 10);
    this.offsetDays = dayNumber(today) - dayNumber(real);
  }
}

export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}
