import { databaseNode } from "./database-node";

/** MySQL and MariaDB: queries with ? parameters; upserts with ON DUPLICATE KEY UPDATE. */
export const mysqlAction = databaseNode({
  type: "action.mysql",
  label: "MySQL",
  connectionType: "mysql",
  dialect: "mysql",
  placeholders: "? marks",
  example: "SELECT * FROM customers WHERE email = ?",
});
