import { describe, expect, it } from 'vitest';
import { retentionDetail, retentionDue } from './privacy.ts';

const now = new Date('2026-12-01T10:00:00Z');

describe('what retention removes next', () => {
	it('groups by the day each is due and its kollegium, soonest first, overdue included', () => {
		const { next, dueWithin30Days } = retentionDue({
			now,
			days: 30,
			rows: [
				{ from: '2026-11-20T08:00:00Z', label: 'HT' },
				{ from: '2026-11-20T09:00:00Z', label: 'HT' },
				{ from: '2026-11-20T09:00:00Z', label: null, count: 4 },
				{ from: '2026-10-01T09:00:00Z', label: 'VT' },
				{ from: '2027-06-01T09:00:00Z', label: 'VT' },
				{ from: 'not a date', label: 'VT' }
			]
		});
		expect(next).toEqual([
			{ dueOn: '2026-10-31', label: 'VT', count: 1 },
			{ dueOn: '2026-12-20', label: null, count: 4 },
			{ dueOn: '2026-12-20', label: 'HT', count: 2 },
			{ dueOn: '2027-07-01', label: 'VT', count: 1 }
		]);
		// Overdue and due within 30 days of now: all but the one of June.
		expect(dueWithin30Days).toBe(7);
	});

	it('shows at most five groups', () => {
		const rows = Array.from({ length: 8 }, (_, i) => ({
			from: new Date(now.getTime() + i * 86_400_000).toISOString(),
			label: `K${i}`
		}));
		expect(retentionDue({ now, days: 1, rows }).next.map((g) => g.label)).toEqual([
			'K0',
			'K1',
			'K2',
			'K3',
			'K4'
		]);
	});

	it('records counts only', () => {
		const counts = { results: 3, plans: 0, document: 1, invitations: 2, outbox: 0, audit: 9 };
		expect(retentionDetail({ ...counts, kollegier: 1 })).toBe(
			'results=3 plans=0 document=1 invitations=2 outbox=0 audit=9 kollegier=1'
		);
	});
});
