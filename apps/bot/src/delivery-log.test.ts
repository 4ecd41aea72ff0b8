import { expect, test } from 'vitest';
import { createDeliveryLog, deliveryKey } from './delivery-log.js';

test('a delivery is claimed once; a released one can be claimed again', () => {
  const log = createDeliveryLog();
  const key = deliveryKey('72d3162e', 'push', { ref: 'refs/heads/main' });
  expect(log.claim(key)).toBe(true);
  expect(log.claim(key)).toBe(false);
  log.release(key);
  expect(log.claim(key)).toBe(true);
});

test('the key tells apart two events sharing an id (the emulator’s Date.now() ids), not a true redelivery', () => {
  expect(deliveryKey('1', 'push', { after: 'a' })).toBe(deliveryKey('1', 'push', { after: 'a' }));
  expect(deliveryKey('1', 'push', { after: 'a' })).not.toBe(deliveryKey('1', 'push', { after: 'b' }));
  expect(deliveryKey('1', 'push', { after: 'a' })).not.toBe(deliveryKey('1', 'pull_request', { after: 'a' }));
});

test('the log is bounded: the oldest keys are forgotten first', () => {
  const log = createDeliveryLog(2);
  log.claim('a');
  log.claim('b');
  log.claim('c');
  expect(log.claim('a')).toBe(true);
  expect(log.claim('c')).toBe(false);
});
