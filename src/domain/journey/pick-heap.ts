/** A greedy candidate's key: newly closed worth per added minute, with its tie-breaks. */
export interface Pick {
  r: number;
  ratio: number;
  worth: number;
  cost: number;
  version: number;
}

/** Greedy preference: worth per minute, then worth, then fewer minutes, then catalogue order. */
export const prefer = (a: Pick, b: Pick): boolean =>
  a.ratio !== b.ratio ? a.ratio > b.ratio : a.worth !== b.worth ? a.worth > b.worth : a.cost !== b.cost ? a.cost < b.cost : a.r < b.r;

/** Binary max-heap of picks under `prefer`. */
export class PickHeap {
  private readonly items: Pick[];

  constructor(items: Pick[]) {
    this.items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  peek(): Pick | undefined {
    return this.items[0];
  }

  push(item: Pick): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!prefer(items[i] as Pick, items[parent] as Pick)) return;
      [items[i], items[parent]] = [items[parent] as Pick, items[i] as Pick];
      i = parent;
    }
  }

  pop(): void {
    const last = this.items.pop() as Pick;
    if (this.items.length === 0) return;
    this.items[0] = last;
    this.siftDown(0);
  }

  private siftDown(i: number): void {
    const items = this.items;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < items.length && prefer(items[left] as Pick, items[top] as Pick)) top = left;
      if (right < items.length && prefer(items[right] as Pick, items[top] as Pick)) top = right;
      if (top === i) return;
      [items[i], items[top]] = [items[top] as Pick, items[i] as Pick];
      i = top;
    }
  }
}
