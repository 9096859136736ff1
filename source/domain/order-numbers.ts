import type {ChangeEntry} from './change-log.js';
import {type Order, orderNumber, orderNumberPattern} from './order.js';

/**
 * The numbers a save gives new orders: per year of the order date, one more than the highest
 * number of that year ever given — among the orders, and among deleted ones in the change log (whose
 * label is the number), so that a number is never given twice. The store computes it under the file
 * lock on the newest data, which makes it unique across consoles saving at once.
 */
export class OrderNumbers {
	private highest: Map<number, number> | null = null;
	private readonly taken = new Set<string>();

	constructor(
		private readonly orders: readonly Order[],
		private readonly changes: readonly ChangeEntry[],
	) {}

	private scan(): Map<number, number> {
		const highest = new Map<number, number>();
		const note = (number: string) => {
			this.taken.add(number);
			const match = orderNumberPattern.exec(number);
			if (!match) return;
			const year = Number(match[1]);
			highest.set(year, Math.max(highest.get(year) ?? 0, Number(match[2])));
		};
		for (const order of this.orders) note(order.number);
		for (const entry of this.changes) if (entry.entity === 'orders') note(entry.label);
		return highest;
	}

	/** The next number for an order dated `orderedAt`. */
	next(orderedAt: string): string {
		this.highest ??= this.scan();
		const year = new Date(orderedAt).getUTCFullYear();
		const sequence = (this.highest.get(year) ?? 0) + 1;
		this.highest.set(year, sequence);
		const number = orderNumber(year, sequence);
		this.taken.add(number);
		return number;
	}

	/** Whether a number brought by an import is already an order's (or was one's); it is then noted as taken. */
	claim(number: string): boolean {
		this.highest ??= this.scan();
		if (this.taken.has(number)) return false;
		this.taken.add(number);
		const match = orderNumberPattern.exec(number);
		if (match) {
			const year = Number(match[1]);
			this.highest.set(year, Math.max(this.highest.get(year) ?? 0, Number(match[2])));
		}
		return true;
	}
}
