import { given } from '../../shared/domain/decider-specification';
import { isRead, notificationReaderDecider } from './notification-reader.decider';
import type { NotificationReaderEvent } from './notification-reader.events';

const readerId = '5a0e7c3d-0000-4000-8000-0000000000e1';
const first = '5a0e7c3d-0000-4000-8000-0000000000f1';
const second = '5a0e7c3d-0000-4000-8000-0000000000f2';

const readOne = (notificationId: string, createdAt = '2026-03-20T10:00:00.000Z') =>
  ({ type: 'MarkNotificationRead', readerId, notificationId, createdAt }) as const;
const readAll = (at: string) => ({ type: 'MarkAllNotificationsRead', readerId, at }) as const;
const wasRead = (notificationId: string): NotificationReaderEvent => ({
  type: 'NotificationRead',
  data: { readerId, notificationId },
});
const allRead = (readAt: string): NotificationReaderEvent => ({
  type: 'NotificationsAllRead',
  data: { readerId, readAt },
});

describe('a user’s reading of their notifications', () => {
  it('marks one read, once', () => {
    expect(given(notificationReaderDecider).when(readOne(first))).toEqual([wasRead(first)]);
    expect(given(notificationReaderDecider, [wasRead(first)]).when(readOne(first))).toEqual([]);
    expect(given(notificationReaderDecider, [wasRead(first)]).when(readOne(second))).toEqual([wasRead(second)]);
  });

  it('marks all read up to now: older ones count as read, newer ones do not', () => {
    const history = [allRead('2026-03-21T00:00:00.000Z')];
    expect(given(notificationReaderDecider).when(readAll('2026-03-21T00:00:00.000Z'))).toEqual(history);
    const { state } = given(notificationReaderDecider, history);
    expect(isRead(state, first, '2026-03-20T10:00:00.000Z')).toBe(true);
    expect(isRead(state, second, '2026-03-22T10:00:00.000Z')).toBe(false);
    expect(given(notificationReaderDecider, history).when(readOne(first))).toEqual([]);
    expect(given(notificationReaderDecider, history).when(readOne(second, '2026-03-22T10:00:00.000Z'))).toEqual([
      wasRead(second),
    ]);
  });

  it('records nothing when all was read later already', () => {
    const history = [allRead('2026-03-21T00:00:00.000Z')];
    expect(given(notificationReaderDecider, history).when(readAll('2026-03-20T00:00:00.000Z'))).toEqual([]);
    expect(given(notificationReaderDecider, history).when(readAll('2026-03-22T00:00:00.000Z'))).toEqual([
      allRead('2026-03-22T00:00:00.000Z'),
    ]);
  });
});
