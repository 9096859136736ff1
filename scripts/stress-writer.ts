/**
 * One operator for the stress test: saves `count` new customers named `<name>-<i>` into `file`, one
 * save at a time, and prints `ack <name>-<i>` once each save is acknowledged (durable), or `refused
 * <name>-<i> <why>` when the system refuses it (a full disk). With
 * `verify`, it loads the file the way the console does and prints what it holds, or why it fails.
 */
import {CrmStore, SaveError} from '../source/store/store.js';

const [mode, file, name = 'w', countText = '0', pauseText = '0', notesText = '0'] = process.argv.slice(2);
if (!file) throw new Error('usage: stress-writer write|verify FILE [NAME COUNT PAUSE_MS]');

if (mode === 'verify') {
	try {
		const store = await CrmStore.open(file);
		process.stdout.write(
			`${JSON.stringify({ok: true, customers: store.data.customers.map((customer) => customer.name), changes: store.data.changes.length})}\n`,
		);
	} catch (error) {
		process.stdout.write(`${JSON.stringify({ok: false, message: (error as Error).message})}\n`);
	}
} else {
	const store = await CrmStore.open(file);
	process.stdout.write('ready\n');
	const pause = Number(pauseText);
	// Notes make each save large (a disk fills sooner); a save refused by the system is reported, and a few in a row end the writer.
	const notes = 'n'.repeat(Number(notesText));
	let refusedInARow = 0;
	for (let index = 0; index < Number(countText) && refusedInARow < 3; index++) {
		const customer = `${name}-${index}`;
		try {
			await store.apply([{kind: 'create', entity: 'customers', values: {name: customer, status: 'lead', notes}}], name);
		} catch (error) {
			if (!(error instanceof SaveError)) throw error;
			refusedInARow++;
			process.stdout.write(`refused ${customer} ${error.message}\n`);
			continue;
		}
		refusedInARow = 0;
		process.stdout.write(`ack ${customer}\n`);
		if (pause > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * pause));
	}
}
