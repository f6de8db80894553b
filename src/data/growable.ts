/** Typed arrays that grow by half again when full, trimmed to length at the end. */
type TypedArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

export class Growable<T extends TypedArray> {
  array: T;
  constructor(
    private readonly Ctor: TypedArrayConstructor<T>,
    capacity: number,
    private readonly width = 1,
  ) {
    this.array = new Ctor(Math.max(16, capacity) * width);
  }

  /** Makes room for `count` items (of `width` values each). */
  reserve(count: number): void {
    const need = count * this.width;
    if (need <= this.array.length) return;
    const next = new this.Ctor(Math.max(need, Math.ceil(this.array.length * 1.5)));
    next.set(this.array);
    this.array = next;
  }

  /** A copy holding exactly `count` items. */
  trimmed(count: number): T {
    return this.array.slice(0, count * this.width) as T;
  }
}
