/** A database named by URL instead of a data file: told apart, and shown without its password. Loads no client library. */

/** `--data postgres://…` (or `postgresql://…`) names a PostgreSQL database instead of a file. */
export const isDatabaseUrl = (path: string): boolean => /^postgres(ql)?:\/\//i.test(path);

/**
 * The URL as messages and logs show it: without its password (in the URL or a `password=`
 * parameter), which is never printed. An address that does not parse is shown as its scheme only.
 */
export const shownUrl = (url: string): string => {
	try {
		const parsed = new URL(url);
		parsed.password = '';
		parsed.searchParams.delete('password');
		return parsed.toString();
	} catch {
		// i18n-exempt: a URL's scheme, not words
		return 'postgres://…';
	}
};
