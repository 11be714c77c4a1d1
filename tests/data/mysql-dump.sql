-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;

--
-- Table structure for table `customer`
--

DROP TABLE IF EXISTS `customer`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `customer` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) NOT NULL COMMENT 'login; it''s unique',
  `name` varchar(100) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,
  `kind` enum('person','Company Ltd') NOT NULL DEFAULT 'person',
  `flags` set('a','b') DEFAULT NULL,
  `score` int(11) NOT NULL DEFAULT 0,
  `balance` decimal(12,2) DEFAULT '0.00',
  `photo` blob DEFAULT NULL,
  `bio` text DEFAULT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `created` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `email_domain` varchar(191) GENERATED ALWAYS AS (substring_index(`email`,'@',-1)) VIRTUAL,
  `code` varchar(20) DEFAULT 'a\\b',
  PRIMARY KEY (`id`),
  UNIQUE KEY `customer_email_key` (`email`),
  KEY `customer_bio_idx` (`bio`(20),`score` DESC),
  UNIQUE KEY `customer_name_kind` (`name`,`kind`) COMMENT 'tideline:index',
  FULLTEXT KEY `customer_bio_ft` (`bio`),
  CONSTRAINT `customer_score_check` CHECK (`score` >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='people who buy';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `customer`
--

LOCK TABLES `customer` WRITE;
/*!40000 ALTER TABLE `customer` DISABLE KEYS */;
INSERT INTO `customer` VALUES (1,'a@x',NULL,'person',NULL,0,0.00,NULL,'line;1',1,'2024-01-01 00:00:00',DEFAULT,'');
INSERT INTO `customer` VALUES (2,'b@x',NULL,'person',NULL,0,0.00,NULL,NULL,1,'2024-01-01 00:00:00',DEFAULT,'');
/*!40000 ALTER TABLE `customer` ENABLE KEYS */;
UNLOCK TABLES;

DROP TABLE IF EXISTS `orders`;
CREATE TABLE `orders` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `customer_id` int(10) unsigned NOT NULL,
  `note` varchar(200) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `total` double NOT NULL,
  PRIMARY KEY (`id`),
  KEY `orders_customer_fkey` (`customer_id`),
  CONSTRAINT `orders_customer_fkey` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;
ALTER TABLE `orders` ADD COLUMN `placed` datetime NOT NULL DEFAULT '2000-01-01 00:00:00', ADD KEY `orders_placed` (`placed`);
CREATE INDEX `orders_total` ON `orders` (`total`);
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `orders_total_bi` BEFORE INSERT ON `orders` FOR EACH ROW BEGIN
  IF NEW.total < 0 THEN SET NEW.total = 0; END IF;
END */;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
CREATE TABLE `audit` (`id` int NOT NULL, `at` datetime, PRIMARY KEY (`id`)) ENGINE=MyISAM;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
