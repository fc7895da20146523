/** Schema migrations of the telemetry store, applied in name order. */
import type { Kysely } from 'kysely';
import { columnTypes, type Migrations } from '@meridian/kit';

export const migrations: Migrations = {
  '0001_fleet': {
    async up(db: Kysely<unknown>) {
      const types = columnTypes(db);
      await db.schema
        .createTable('aircraft')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('registration', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('aircraft_operator').on('aircraft').column('operator_id').execute();
      await db.schema
        .createTable('engine')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('aircraft_id', 'text', (c) => c.notNull().references('aircraft.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex('engine_aircraft').on('engine').column('aircraft_id').execute();
      await db.schema
        .createTable('sensor')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engine_model', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('normal_min', types.double, (c) => c.notNull())
        .addColumn('normal_max', types.double, (c) => c.notNull())
        .addUniqueConstraint('sensor_model_name', ['engine_model', 'name'])
        .execute();
    },
  },
};
