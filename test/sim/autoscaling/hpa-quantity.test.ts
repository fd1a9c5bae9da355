/** Status quantities in the canonical DecimalSI form `resource.NewMilliQuantity` prints. */
import { formatMilliQuantity } from '../../../lib/sim/controllers/hpa-quantity';

it.each([
  [0, '0'],
  [25, '25m'],
  [250, '250m'],
  [1000, '1'],
  [1500, '1500m'],
  [2000000, '2k'],
  [67108864000, '67108864'],
  [5000000000, '5M'],
])('formatMilliQuantity(%i) is %s', (milli, text) => {
  expect(formatMilliQuantity(milli)).toBe(text);
});
