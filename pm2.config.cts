// PM2 apps of devslot's example stack. devslot loads this file itself (PM2 cannot read .cts)
// and starts each app as <name>-N in namespace devslot-example-dev-N.
const config = {
  apps: [
    {
      name: 'api',
      script: 'compose/apps/api.mjs',
      autorestart: true,
      env: { LOG_LEVEL: 'debug' },
    },
    {
      name: 'worker',
      script: 'compose/apps/worker.mjs',
      autorestart: true,
    },
  ],
};

export default config;
