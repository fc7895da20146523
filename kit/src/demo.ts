/**
 * The customers every demo dataset agrees on. Billing owns them; the matches subgraph picks broadcasters and
 * the telemetry subgraph picks aircraft operators from this list by id, so the federated graph joins up on a
 * fresh start without any service calling another.
 */
export type DemoIndustry = 'BROADCASTING' | 'AVIATION' | 'ANALYTICS';

export interface DemoCustomer {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly industry: DemoIndustry;
}

export const demoCustomers: readonly DemoCustomer[] = [
  { id: 'cus_0001', name: 'Northlight Sports Media', country: 'GB', industry: 'BROADCASTING' },
  { id: 'cus_0002', name: 'Canal Deportivo', country: 'ES', industry: 'BROADCASTING' },
  { id: 'cus_0003', name: 'Rheinwelle TV', country: 'DE', industry: 'BROADCASTING' },
  { id: 'cus_0004', name: 'Blue Horizon Airways', country: 'IE', industry: 'AVIATION' },
  { id: 'cus_0005', name: 'Austral Air Cargo', country: 'AU', industry: 'AVIATION' },
  { id: 'cus_0006', name: 'Nordic Regional', country: 'NO', industry: 'AVIATION' },
  { id: 'cus_0007', name: 'Pitchside Analytics', country: 'NL', industry: 'ANALYTICS' },
  { id: 'cus_0008', name: 'Tailwind Insights', country: 'US', industry: 'ANALYTICS' },
];

export function demoCustomerIds(industry: DemoIndustry): string[] {
  return demoCustomers.filter((customer) => customer.industry === industry).map((customer) => customer.id);
}
