/**
 * The results store: every run kept over JDBC (embedded H2 by default, PostgreSQL for a team), schema
 * migrations, a spool that keeps runs while the store is down, and the JSON form of results.
 */
package io.nexus.store;
