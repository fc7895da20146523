/**
 * Generated shop data for the business dashboards when the Metabase sample is not imported: people,
 * products and orders with the sample's shape (tax on the subtotal, occasional discounts, growth over time),
 * deterministic for a seed. Also what the `summarize` benchmark fills a million orders with.
 */
import { Faker, en } from '@faker-js/faker';
import type { ShopRows } from '../store';

export interface ShopDemoOptions {
  readonly seed: number;
  readonly people: number;
  readonly products: number;
  readonly orders: number;
  /** Orders are placed in `[from, to)`, more of them towards the end, as a growing shop would see. */
  readonly from: Date;
  readonly to: Date;
}

const CATEGORIES = ['Widget', 'Gadget', 'Gizmo', 'Doohickey'] as const;
const SOURCES = ['Affiliate', 'Facebook', 'Google', 'Organic', 'Twitter'] as const;
/** US sales tax rates the sample dataset's orders use, in basis points. */
const TAX_BASIS_POINTS = [0, 400, 575, 600, 625, 700, 725] as const;
/** About one order in ten has a discount, as in the sample. */
const DISCOUNT_SHARE = 0.1;
const MAX_QUANTITY = 10;

/** mulberry32: a tiny fast PRNG, good enough for demo data and much faster than faker per order. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateShop(options: ShopDemoOptions): ShopRows {
  const faker = new Faker({ locale: en, seed: options.seed });
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const from = options.from.getTime();
  const span = options.to.getTime() - from;
  const people = Array.from({ length: options.people }, (_, index) => ({
    id: index + 1,
    name: faker.person.fullName(),
    email: faker.internet.email().toLowerCase(),
    city: faker.location.city(),
    state: faker.location.state({ abbreviated: true }),
    source: pick(SOURCES),
    created_at_ms: from + Math.floor(next() * span),
  }));
  const products = Array.from({ length: options.products }, (_, index) => ({
    id: index + 1,
    title: faker.commerce.productName(),
    category: pick(CATEGORIES),
    vendor: faker.company.name(),
    price_cents: 1_500 + Math.floor(next() * 8_500),
    created_at_ms: from + Math.floor(next() * span),
  }));
  const orders = Array.from({ length: options.orders }, (_, index) => {
    const product = products[Math.floor(next() * products.length)]!;
    const quantity = 1 + Math.floor(next() * MAX_QUANTITY);
    const subtotal = product.price_cents * (next() < 0.75 ? 1 : quantity);
    const tax = Math.round((subtotal * pick(TAX_BASIS_POINTS)) / 10_000);
    const discount = next() < DISCOUNT_SHARE ? Math.round(subtotal * (0.05 + next() * 0.15)) : null;
    return {
      id: index + 1,
      person_id: 1 + Math.floor(next() * people.length),
      product_id: product.id,
      subtotal_cents: subtotal,
      tax_cents: tax,
      total_cents: subtotal + tax - (discount ?? 0),
      discount_cents: discount,
      quantity,
      // The square root skews orders towards the end of the span.
      created_at_ms: from + Math.floor(Math.sqrt(next()) * span),
    };
  });
  return { people, products, orders };
}
