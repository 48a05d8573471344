-- The language of each user's screens and mail, and of mail to a foundation's own address.
ALTER TABLE "User" ADD COLUMN "lang" TEXT NOT NULL DEFAULT 'nl';

ALTER TABLE "Foundation" ADD COLUMN "lang" TEXT NOT NULL DEFAULT 'nl';
