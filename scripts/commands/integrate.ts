export function integrateCommand(..._a: unknown[]): Promise<void> { return Promise.reject(new Error('integrate: in progress')); }
