import { unescapeCommas } from './metabase';

describe('unescapeCommas', () => {
  it('joins fields split at a backslash-escaped comma, giving the comma back', () => {
    expect(unescapeCommas(['3', 'Murray\\', ' Watsica and Wunsch', '35.39'])).toEqual([
      '3',
      'Murray, Watsica and Wunsch',
      '35.39',
    ]);
    expect(unescapeCommas(['5509-5501\\', '5500-5508 McKinley Avenue', 'x'])).toEqual([
      '5509-5501,5500-5508 McKinley Avenue',
      'x',
    ]);
    expect(unescapeCommas(['a', '', 'b'])).toEqual(['a', '', 'b']);
  });
});
