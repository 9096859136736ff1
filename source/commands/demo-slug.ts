/** A name as an email's local part or domain, ASCII only: `Tomás O'Neill` → `tomasoneill`. */
export const slug = (text: string): string =>
	text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '');
