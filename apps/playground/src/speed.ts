/** Iterations per second over a sliding window of recent (time, iteration) readings. */
export class Speedometer {
  private readings: [number, number][] = [];

  constructor(private readonly windowMs = 2000) {}

  add(iteration: number, now = performance.now()): number {
    this.readings.push([now, iteration]);
    while (this.readings.length > 2 && now - this.readings[0][0] > this.windowMs) this.readings.shift();
    return this.rate();
  }

  rate(): number {
    if (this.readings.length < 2) return 0;
    const [t0, i0] = this.readings[0];
    const [t1, i1] = this.readings[this.readings.length - 1];
    return t1 > t0 ? ((i1 - i0) * 1000) / (t1 - t0) : 0;
  }

  /** Forget the readings (on pause or reset, so idle time does not count). */
  clear(): void {
    this.readings = [];
  }
}
