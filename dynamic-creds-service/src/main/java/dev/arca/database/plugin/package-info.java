/** The database plugin SPI (initialize, new user, update user, delete user, close) and its PostgreSQL and MySQL/MariaDB plugins over their JDBC drivers. */
@NullMarked
package dev.arca.database.plugin;

import org.jspecify.annotations.NullMarked;
