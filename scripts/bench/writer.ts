/**
 * One of the writers of `npm run bench`'s "8 consoles saving at once" rows (bundled and run by
 * scripts/bench/postgres.mjs): opens the store at PATH (a data file or a postgres:// URL) as a
 * console does, prints `ready`, then for each `go` line on its input saves COUNT small changes (the
 * notes of a customer of its own, so the writers never refuse each other's saves) one after the
 * other and prints the time of each save as one JSON line. Its input closed, it closes the store.
 *   writer PATH INDEX COUNT
 */
import {createInterface} from 'node:readline';
import {CrmStore} from '../../source/store/store.js';

const [path, indexText = '0', countText = '50'] = process.argv.slice(2);
if (!path) throw new Error('usage: writer PATH INDEX COUNT');
const index = Number(indexText);
const count = Number(countText);
const operator = `bench-writer-${index}`;

const store = await CrmStore.open(path);
const customers = store.data.customers;
// Customers far apart in the list, one per writer.
let position = Math.floor((index * customers.length) / 8) % customers.length;
const id = customers[position]!.id;
/** The writer's customer as it stands now (another writer's save may have been read in before it). */
const current = () => {
	const list = store.data.customers;
	if (list[position]?.id !== id) position = list.findIndex((customer) => customer.id === id);
	return list[position]!;
};

const round = async (run: number): Promise<number[]> => {
	const times: number[] = [];
	for (let save = 0; save < count; save++) {
		const record = current();
		const at = performance.now();
		await store.apply(
			[
				{
					kind: 'update',
					entity: 'customers',
					id,
					version: record.version,
					values: {notes: `bench writer ${index}, round ${run}, save ${save}`},
				},
			],
			operator,
		);
		times.push(performance.now() - at);
	}
	return times;
};

process.stdout.write('ready\n');
let run = 0;
for await (const line of createInterface({input: process.stdin})) {
	if (line.trim() !== 'go') continue;
	process.stdout.write(`${JSON.stringify({times: await round(run++)})}\n`);
}
await store.close();
process.exit(0);
