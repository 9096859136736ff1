import type {Command} from 'commander';
import {runSettings, type SettingsRequest} from '../commands/settings.js';
import {operatorFor} from './operator.js';
import {reportKnownErrors, say} from './words.js';

type Options = {data?: string; operator?: string; readonly?: boolean};

/** What `crm settings` needs of the program: where the data is, and the --readonly refusal every writing command shares. */
export type SettingsCommandContext = {
	dataFileFrom: (flag: string | undefined) => Promise<string>;
	refuseIfReadonly: (options: {readonly?: boolean}, what: string) => void;
};

const withCommonOptions = (command: Command): Command =>
	command
		.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
		.option('--operator <name>', 'who makes the change (default: your OS user name)')
		.option('--readonly', 'change nothing (a change is refused; showing is fine)');

/**
 * `crm settings`: the base currency, the rates and the product catalogue (KPI.md *Money*), shown to
 * anyone and changed by an admin, logged through the store like every change of the settings.
 */
export const settingsCommand = (program: Command, context: SettingsCommandContext): void => {
	const run = (request: SettingsRequest, options: Options) =>
		reportKnownErrors(async () => {
			if (request.action !== 'show' && request.action !== 'product-list' && request.action !== 'costs')
				context.refuseIfReadonly(options, 'crm settings changes the settings');
			const file = await context.dataFileFrom(options.data);
			say(await runSettings(file, request, await operatorFor(file, options.operator)));
		});
	const settings = program
		.command('settings')
		.description(
			'the base currency, the rates into it, the product catalogue and the ROI costs: show them, or (as an admin) change one',
		);
	withCommonOptions(
		settings.command('show', {isDefault: true}).description('the money settings, and the currencies without a rate'),
	).action((options: Options) => run({action: 'show'}, options));
	withCommonOptions(
		settings
			.command('base')
			.description(
				'set the base currency: every rate is restated in it (through its rate), or dropped with --drop-rates',
			)
			.argument('<currency>', 'a three-letter code, like USD or CNY')
			.option('--drop-rates', 'start over with no rates (when the new base has none to restate them through)'),
	).action((currency: string, options: Options & {dropRates?: boolean}) =>
		run({action: 'base', currency, dropRates: options.dropRates}, options),
	);
	withCommonOptions(
		settings
			.command('rate')
			.description('set how many base-currency units one unit of a currency is worth, or remove its rate')
			.argument('<currency>', 'a three-letter code, like EUR')
			.argument('[rate]', 'a number above 0, like 1.08')
			.option('--remove', 'remove the rate: amounts in it are left out of money figures and counted as unpriced'),
	).action((currency: string, rate: string | undefined, options: Options & {remove?: boolean}) =>
		run({action: 'rate', currency, rate, remove: options.remove}, options),
	);
	const product = settings.command('product').description('the catalogue order lines pick products from');
	withCommonOptions(product.command('list', {isDefault: true}).description('list the catalogue')).action(
		(options: Options) => run({action: 'product-list'}, options),
	);
	withCommonOptions(
		product
			.command('add')
			.description('add a product with its unit price and currency')
			.argument('<name>', 'its name, as order lines show it')
			.argument('<price>', 'the unit price, 0 or more (1200, 1,200.50)')
			.argument('<currency>', 'a three-letter code, like USD'),
	).action((name: string, price: string, currency: string, options: Options) =>
		run({action: 'product-add', name, price, currency}, options),
	);
	withCommonOptions(
		product.command('remove').description('remove a product by name').argument('<name>', 'its name (any case)'),
	).action((name: string, options: Options) => run({action: 'product-remove', name}, options));
	costCommands(settings, run);
};

/** `crm settings costs` and `crm settings cost add|remove`: what the CRM costs, by category (KPI.md *Return on investment*). */
const costCommands = (settings: Command, run: (request: SettingsRequest, options: Options) => Promise<void>) => {
	withCommonOptions(
		settings.command('costs').description('list the ROI costs by category, numbered as cost remove takes them'),
	).action((options: Options) => run({action: 'costs'}, options));
	const cost = settings.command('cost').description('the ROI costs: implementation one-off, operation per month');
	withCommonOptions(cost.command('list', {isDefault: true}).description('list the ROI costs')).action(
		(options: Options) => run({action: 'costs'}, options),
	);
	withCommonOptions(
		cost
			.command('add')
			.description(
				'add a cost in the base currency: one-off "2026-03-01 software 45,000 Licences" (software, hardware, deployment, training, data migration), or with --monthly "2026-03.. hosting 300 Cloud VM", "2026-03..2026-12 support 1,200 Vendor" (maintenance, upgrades, support, hosting)',
			)
			.argument('<cost>', 'day (or months), category, amount (0 or more), then a note; quoted as one argument')
			.option('--monthly', 'an operating cost paid each month from a month (YYYY-MM..) to an optional last one'),
	).action((text: string, options: Options & {monthly?: boolean}) =>
		run({action: 'cost-add', text, monthly: options.monthly}, options),
	);
	withCommonOptions(
		cost
			.command('remove')
			.description('remove a cost by its number in crm settings costs')
			.argument('<number>', 'the number crm settings costs shows'),
	).action((number: string, options: Options) => run({action: 'cost-remove', number}, options));
};
