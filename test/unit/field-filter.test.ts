import {expect, test} from 'vitest';
import {recordMatches} from '../../source/commands/export.js';
import {customer} from '../support/fixtures.js';

const ada = customer({name: 'Ada Lind', status: 'churned', owner: '', segment: 'smb', email: 'ada@lind.se'});

test.each([
	['', true],
	['ada', true],
	['status:churned', true],
	['STATUS:Churn', true],
	['status:active', false],
	['owner:', true],
	['segment:', false],
	['segment:smb ada', true],
	['segment:smb bo', false],
	// A name that is no field of the record is a plain word.
	['colour:red', false],
	['email:lind.se', true],
	['lind.se', true],
])('crm export --filter %j matches the record: %s', (filter, expected) => {
	expect(recordMatches(ada, filter)).toBe(expected);
});
