import { describe, expect, it } from 'vitest';
import { DocumentTickets, TICKET_TTL_MS } from './tickets.ts';

describe('document tickets', () => {
	const clock = () => {
		let now = Date.parse('2026-12-01T09:00:00Z');
		return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
	};

	it('stands for its invitation exactly once', () => {
		const tickets = new DocumentTickets(clock());
		const ticket = tickets.issue('inv-a');
		expect(tickets.redeem(ticket)).toBe('inv-a');
		expect(tickets.redeem(ticket)).toBeNull();
		expect(tickets.redeem('never-issued')).toBeNull();
	});

	it('is worthless once older than its time to live', () => {
		const time = clock();
		const tickets = new DocumentTickets(time);
		const fresh = tickets.issue('inv-a');
		const late = tickets.issue('inv-a');
		time.advance(TICKET_TTL_MS - 1);
		expect(tickets.redeem(fresh)).toBe('inv-a');
		time.advance(2);
		expect(tickets.redeem(late)).toBeNull();
	});

	it('lets a flood from one link spend only that link’s own tickets', () => {
		const tickets = new DocumentTickets(clock());
		const someoneElse = tickets.issue('inv-b');
		const first = tickets.issue('inv-a');
		for (let i = 0; i < 20_000; i += 1) tickets.issue('inv-a');
		const last = tickets.issue('inv-a');
		expect(tickets.redeem(first)).toBeNull();
		expect(tickets.redeem(last)).toBe('inv-a');
		expect(tickets.redeem(someoneElse)).toBe('inv-b');
	});
});
