import type {AnyStoredRecord} from '../dataset.js';
import {entitySingular} from '../dataset.js';
import type {CsvRow} from './csv-table.js';
import type {Lookups} from './import-lookups.js';
import type {ImportTarget} from './import-mapping.js';
import {cell} from './import-rows.js';

/**
 * The campaign that acquired a customer or deal, and the deal an order follows, found by the
 * mapping's lookups into `values`. An empty cell names none (most customers came otherwise), a key
 * not found is warned about; a campaign never replaces the one that acquired a record (KPI.md
 * *acquired by*: sending a campaign to an existing customer does not change it).
 */
export const linkCampaignAndDeal = (
	target: ImportTarget,
	lookups: Lookups,
	row: CsvRow,
	values: Record<string, unknown>,
	existing: AnyStoredRecord | undefined,
	warn: (message: string) => void,
): void => {
	const {campaign, opportunity} = target;
	const campaignKey = campaign ? cell(row, campaign.column) : '';
	if (campaign && campaignKey !== '') {
		const found = lookups.campaign(campaign.by, campaignKey);
		const had = (existing as {campaignId?: string} | undefined)?.campaignId;
		if (!found) warn(`no campaign with ${campaign.by} “${campaignKey}”: imported without a campaign`);
		else if (had && had !== found)
			warn(
				`campaign “${campaignKey}” not taken: the ${entitySingular[target.entity]} keeps the campaign that acquired it`,
			);
		else values['campaignId'] = found;
	}
	const dealKey = opportunity ? cell(row, opportunity.column) : '';
	if (opportunity && dealKey !== '') {
		const found = lookups.opportunity(opportunity.by, dealKey);
		if (found) values['opportunityId'] = found;
		else warn(`no deal with ${opportunity.by} “${dealKey}”: imported without a deal`);
	}
};
