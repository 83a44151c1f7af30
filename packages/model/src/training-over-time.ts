import type { KollegiumStatus } from './kollegium.ts';

/**
 * Facts about a training over several kollegier, shared by the trainee's page and the yearly
 * report so the two never count differently. A trainee is followed from one kollegium to the
 * next through the register: a kollegium's trainee subject taken from the register carries the
 * register entry's id (`subjects.person_id`).
 */

/** Sus aims at no fewer than three specialistkollegier during a training (domain.md). */
export const SPECIALISTKOLLEGIER_TARGET = 3;

/** A kollegium counts as held once its meeting has begun. */
export function isHeld(status: KollegiumStatus): boolean {
	return status === 'live' || status === 'closed' || status === 'delivered';
}

/**
 * A plan's next follow-up is overdue when its date has passed and no specialistkollegium about
 * the trainee has been held since the one that set it: the next kollegium is the follow-up.
 */
export function isFollowUpOverdue(options: {
	/** The final plan's `nextFollowUp`, an ISO date. */
	nextFollowUp: string;
	/** Today as an ISO date (Swedish calendar). */
	today: string;
	/** Whether a specialistkollegium about the trainee was held after the plan's own. */
	laterKollegiumHeld: boolean;
}): boolean {
	return !options.laterKollegiumHeld && options.nextFollowUp < options.today;
}

const swedishDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** The Swedish calendar date of a moment, as an ISO date. */
export function swedishDay(moment: Date): string {
	return swedishDate.format(moment);
}
