import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.eventStoreConnectionString).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.logLevel).toBe('info');
    expect(config.projectionsEnabled).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/tmp/onthaal',
      DATABASE_URL: 'postgres://app:secret@db:5432/onthaal',
      DATABASE_POOL_SIZE: '20',
      EVENTSTORE_CONNECTION_STRING: 'esdb+discover://node1:2113?tls=true',
      SHUTDOWN_TIMEOUT_MS: '5000',
      PROJECTIONS_ENABLED: 'false',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      dataDir: '/tmp/onthaal',
      databaseUrl: 'postgres://app:secret@db:5432/onthaal',
      databasePoolSize: 20,
      eventStoreConnectionString: 'esdb+discover://node1:2113?tls=true',
      shutdownTimeoutMs: 5000,
      projectionsEnabled: false,
    });
  });

  it('names every bad variable and what it expects, without echoing connection strings', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        EVENTSTORE_CONNECTION_STRING: 'http://es',
        PROJECTIONS_ENABLED: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
      'EVENTSTORE_CONNECTION_STRING must be a URL starting with esdb:// or esdb+discover://',
      'PROJECTIONS_ENABLED must be true or false (got "maybe")',
    ]);
    expect(message).not.toContain('hunter2');
  });

  it('refuses out-of-range numbers', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT must be a whole number from 0 to 65535');
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow('DATABASE_POOL_SIZE');
  });
});
