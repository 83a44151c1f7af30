import type { KollegiumDetail, Person, PersonKind } from '@kollegium/model';

/** The order the register lists its kinds in. */
export const KINDS: readonly PersonKind[] = ['specialist', 'trainee', 'observer'];

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('sv').trim();

/** What a search looks in: name, e-mail, and title or specialty. */
function haystack(person: Person): string {
	const detail = person.kind === 'trainee' ? person.specialty : person.title;
	return fold([person.name, person.email, detail].join(' '));
}

/** Whether every word of the search is in the person's name, e-mail, title or specialty. */
export function matchesSearch(person: Person, search: string): boolean {
	const words = fold(search).split(/\s+/).filter(Boolean);
	const text = haystack(person);
	return words.every((word) => text.includes(word));
}

/** People sorted by name, the way a Swedish reader expects (å, ä, ö last). */
export function byName<P extends { name: string }>(people: readonly P[]): P[] {
	return [...people].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/**
 * Whether someone from the register is already in a kollegium: taken from this register entry,
 * or (added by hand before they were linked) with the same e-mail, or without e-mail the same
 * name, as the server matches them.
 */
export function alreadyIn(person: Person, detail: KollegiumDetail): boolean {
	const email = fold(person.email);
	const name = fold(person.name);
	const same = (other: { name: string; email?: string; personId: string | null }) => {
		if (other.personId) return other.personId === person.id;
		const otherEmail = fold(other.email ?? '');
		return email && otherEmail ? email === otherEmail : name === fold(other.name);
	};
	return (
		detail.participants.some(same) ||
		detail.subjects.some(
			(subject) =>
				subject.kind === 'trainee' && same({ name: subject.name, personId: subject.personId })
		)
	);
}
