/**
 * The trainee's month of training on a date: month 1 is the month that starts on the ST start
 * date. Leave does not count. 0 means the training has not started by then.
 */
export function monthOfTraining(options: {
	stStart: string;
	at: string;
	monthsOfLeave?: number;
}): number {
	const start = parseDate(options.stStart);
	const at = parseDate(options.at);
	if (at < start) return 0;
	let months =
		(at.getUTCFullYear() - start.getUTCFullYear()) * 12 + (at.getUTCMonth() - start.getUTCMonth());
	if (at.getUTCDate() < start.getUTCDate()) months -= 1;
	return Math.max(1, months + 1 - (options.monthsOfLeave ?? 0));
}

const swedishDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** A date, or the Swedish calendar date of a moment: a meeting at 00:30 is on that day in Sweden. */
function parseDate(value: string): Date {
	const moment = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(moment.getTime())) throw new RangeError(`Not a date: ${value}`);
	if (value.length === 10) return moment;
	return new Date(`${swedishDate.format(moment)}T00:00:00Z`);
}
