--
-- PostgreSQL database dump
--

-- Dumped from database version 15.5 (Debian 15.5-0+deb12u1)
-- Dumped by pg_dump version 15.5 (Debian 15.5-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner:
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';

--
-- Name: add_customer(character varying, character varying, boolean); Type: FUNCTION; Schema: public; Owner: shop
--

CREATE FUNCTION public.add_customer(p_first_name character varying, p_last_name character varying, p_vip boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO public.customer (first_name, last_name) VALUES (p_first_name, p_last_name);
    RETURN 1; -- a semicolon; inside the body
END;
$$;


ALTER FUNCTION public.add_customer(p_first_name character varying, p_last_name character varying, p_vip boolean) OWNER TO shop;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customer; Type: TABLE; Schema: public; Owner: shop
--

CREATE TABLE public.customer (
    id integer NOT NULL,
    first_name character varying(100) NOT NULL,
    last_name character varying(100) NOT NULL,
    email public.citext,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT customer_name_present CHECK (((first_name)::text <> ''::text))
);


ALTER TABLE public.customer OWNER TO shop;

--
-- Name: TABLE customer; Type: COMMENT; Schema: public; Owner: shop
--

COMMENT ON TABLE public.customer IS 'People who buy; see "orders".';

--
-- Name: customer_id_seq; Type: SEQUENCE; Schema: public; Owner: shop
--

CREATE SEQUENCE public.customer_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.customer_id_seq OWNER TO shop;

--
-- Name: customer_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: shop
--

ALTER SEQUENCE public.customer_id_seq OWNED BY public.customer.id;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: shop
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id integer NOT NULL,
    total numeric(12,2) DEFAULT 0 NOT NULL,
    status text DEFAULT 'new'::text NOT NULL
);


ALTER TABLE public.orders OWNER TO shop;

--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: public; Owner: shop
--

ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: customer_summary; Type: VIEW; Schema: public; Owner: shop
--

CREATE VIEW public.customer_summary AS
 SELECT c.id,
    (((c.first_name)::text || ' '::text) || (c.last_name)::text) AS full_name,
    count(o.id) AS order_count
   FROM (public.customer c
     LEFT JOIN public.orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id;


ALTER TABLE public.customer_summary OWNER TO shop;

--
-- Name: customer id; Type: DEFAULT; Schema: public; Owner: shop
--

ALTER TABLE ONLY public.customer ALTER COLUMN id SET DEFAULT nextval('public.customer_id_seq'::regclass);


--
-- Name: customer customer_pkey; Type: CONSTRAINT; Schema: public; Owner: shop
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_pkey PRIMARY KEY (id);


--
-- Name: customer customer_email_key; Type: CONSTRAINT; Schema: public; Owner: shop
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_email_key UNIQUE (email);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: shop
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: orders_customer_id_idx; Type: INDEX; Schema: public; Owner: shop
--

CREATE INDEX orders_customer_id_idx ON public.orders USING btree (customer_id);


--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: shop
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(id);


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: pg_database_owner
--

REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO PUBLIC;


--
-- Name: TABLE customer; Type: ACL; Schema: public; Owner: shop
--

GRANT SELECT ON TABLE public.customer TO reporting;


--
-- PostgreSQL database dump complete
--

