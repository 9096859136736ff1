/**
 * One operator for the stress test: saves `count` new customers named `<name>-<i>` into `file`, one
 * save at a time, and prints `ack <name>-<i>` once each save is acknowledged (durable). With
 * `verify`, it loads the file the way the console does and prints what it holds, or why it fails.
 */
import {CrmStore} from '../source/store/store.js';

const [mode, file, name = 'w', countText = '0', pauseText = '0'] = process.argv.slice(2);
if (!file) throw new Error('usage: stress-writer write|verify FILE [NAME COUNT PAUSE_MS]');

if (mode === 'verify') {
	try {
		const store = await CrmStore.open(file);
		process.stdout.write(`${JSON.stringify({ok: true, customers: store.data.customers.map((customer) => customer.name), changes: store.data.changes.length})}\n`);
	} catch (error) {
		process.stdout.write(`${JSON.stringify({ok: false, message: (error as Error).message})}\n`);
	}
} else {
	const store = await CrmStore.open(file);
	process.stdout.write('ready\n');
	const pause = Number(pauseText);
	for (let index = 0; index < Number(countText); index++) {
		const customer = `${name}-${index}`;
		await store.apply([{kind: 'create', entity: 'customers', values: {name: customer, status: 'lead'}}], name);
		process.stdout.write(`ack ${customer}\n`);
		if (pause > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * pause));
	}
}
