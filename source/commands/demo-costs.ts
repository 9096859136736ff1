import type {ImplementationCost, OperatingCost} from '../domain/roi-costs.js';

/** The day `offset` months after the month of `goLive` (a first of the month), on day `day`. */
const dayAfter = (goLive: string, offset: number, day: number): string =>
	new Date(Date.UTC(Number(goLive.slice(0, 4)), Number(goLive.slice(5, 7)) - 1 + offset, day))
		.toISOString()
		.slice(0, 10);

const monthAfter = (goLive: string, offset: number): string => dayAfter(goLive, offset, 1).slice(0, 7);

/**
 * What the demo's CRM cost, in its base currency (USD), around its go-live: the workstations bought
 * the month before (in the payback, not in the window), licences, the integrator and the migration
 * invoiced at go-live, training the month after; hosting from the month before, a year of vendor
 * support, the integrator's retainer and one upgrade. Over the six months after go-live: 182,000 of
 * implementation and 27,600 of operation.
 */
export const demoCosts = (goLive: string): {implementation: ImplementationCost[]; operation: OperatingCost[]} => ({
	implementation: [
		{
			category: 'hardware',
			date: dayAfter(goLive, -1, 14),
			amount: 14_500,
			note: 'Support-desk workstations and headsets',
		},
		{category: 'software', date: dayAfter(goLive, 0, 1), amount: 96_000, note: 'Licences for 20 seats, three years'},
		{
			category: 'deployment',
			date: dayAfter(goLive, 0, 5),
			amount: 42_000,
			note: 'Integrator: configuration, mail integration',
		},
		{
			category: 'data migration',
			date: dayAfter(goLive, 0, 20),
			amount: 28_000,
			note: 'Spreadsheets and the ticket archive',
		},
		{category: 'training', date: dayAfter(goLive, 1, 10), amount: 16_000, note: 'Two days for 12 operators'},
	],
	operation: [
		{category: 'hosting', from: monthAfter(goLive, -1), to: null, amount: 450, note: 'Cloud VM and backups'},
		{
			category: 'support',
			from: monthAfter(goLive, 0),
			to: monthAfter(goLive, 11),
			amount: 2_400,
			note: 'Vendor support, first year',
		},
		{category: 'maintenance', from: monthAfter(goLive, 1), to: null, amount: 1_500, note: 'Integrator retainer'},
		{
			category: 'upgrades',
			from: monthAfter(goLive, 4),
			to: monthAfter(goLive, 4),
			amount: 3_000,
			note: 'Upgrade to version 5',
		},
	],
});
