// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm-loading server packages are required at run time instead of bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "undici", "amqplib", "nats", "ioredis", "nodemailer"],
  poweredByHeader: false,
};

module.exports = nextConfig;
